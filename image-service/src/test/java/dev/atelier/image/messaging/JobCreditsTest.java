package dev.atelier.image.messaging;

import static dev.atelier.image.Credits.assertAccount;
import static dev.atelier.image.Credits.usageRows;
import static dev.atelier.image.Fixtures.BASE;
import static dev.atelier.image.Fixtures.PATIENCE;
import static dev.atelier.image.Fixtures.as;
import static dev.atelier.image.Fixtures.count;
import static dev.atelier.image.Fixtures.produce;
import static dev.atelier.image.Fixtures.submit;
import static dev.atelier.image.JobEvents.completed;
import static dev.atelier.image.JobEvents.failed;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.atelier.events.Event;
import dev.atelier.events.GenerationCompleted;
import dev.atelier.events.Topics;
import dev.atelier.image.KafkaAndDatabaseTest;
import dev.atelier.testinfra.RealInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** A finished job settles its hold: completion charges what was delivered, failure releases everything. */
@QuarkusTest
@QuarkusTestResource(value = RealInfraResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealInfraResource.DATABASE, value = "image"))
class JobCreditsTest extends KafkaAndDatabaseTest {

    @Test
    void aCompletedJobIsChargedForItsImages() {
        UUID user = UUID.randomUUID();
        UUID job = submit(user, "{\"prompt\":\"two herons\",\"style\":\"realistic\",\"count\":2}");
        apply(Topics.GENERATION_COMPLETED, completed(user, job, 2));

        assertAccount(user, 10, 2, 0);
        assertEquals(List.of("grant 10 10", "hold 2 8", "charge 2 8"), usageRows(db, user));
    }

    @Test
    void aPartialDeliveryIsChargedPerDeliveredImageAndTheRestReleased() {
        UUID user = UUID.randomUUID();
        UUID job = submit(user, "{\"prompt\":\"three herons\",\"style\":\"realistic\",\"count\":3}");
        apply(Topics.GENERATION_COMPLETED, completed(user, job, 2));

        assertAccount(user, 10, 2, 0);
        assertEquals(List.of("grant 10 10", "hold 3 7", "charge 2 7", "release 1 8"), usageRows(db, user));
    }

    @Test
    void aFailedJobReleasesEverythingItHeld() {
        UUID user = UUID.randomUUID();
        UUID job = submit(user, "{\"prompt\":\"a heron\",\"style\":\"realistic\",\"count\":4}");
        apply(Topics.GENERATION_FAILED, failed(user, job));

        as(user).get(BASE + "/" + job).then().body("status", equalTo("failed"));
        assertAccount(user, 10, 0, 0);
        assertEquals(List.of("grant 10 10", "hold 4 6", "release 4 10"), usageRows(db, user));
    }

    @Test
    void aRedeliveredCompletionChargesOnce() {
        UUID user = UUID.randomUUID();
        UUID job = submit(user, "{\"prompt\":\"a heron twice\",\"style\":\"realistic\"}");
        GenerationCompleted event = completed(user, job, 1);
        apply(Topics.GENERATION_COMPLETED, event);
        produce(kafka, mapper, Topics.GENERATION_COMPLETED, event);
        // Same key, same partition: once a later completion is applied, the redelivery before it was too.
        UUID marker = submit(user, "{\"prompt\":\"a marker\",\"style\":\"realistic\"}");
        apply(Topics.GENERATION_COMPLETED, completed(user, marker, 1));

        assertAccount(user, 10, 2, 0);
        assertEquals(1, count(db, "select count(*) from usage_logs where job_id = ? and kind = 'charge'", job));
    }

    @Test
    void aFailureAfterTheCompletionChargesAndReleasesNothingMore() {
        UUID user = UUID.randomUUID();
        UUID job = submit(user, "{\"prompt\":\"a late failure\",\"style\":\"realistic\",\"count\":2}");
        apply(Topics.GENERATION_COMPLETED, completed(user, job, 2));
        apply(Topics.GENERATION_FAILED, failed(user, job));

        as(user).get(BASE + "/" + job).then().body("status", equalTo("succeeded"));
        assertAccount(user, 10, 2, 0);
        assertEquals(List.of("grant 10 10", "hold 2 8", "charge 2 8"), usageRows(db, user));
    }

    /** Produces the event and waits until it is processed (its id is recorded in the same transaction). */
    private void apply(String topic, Event event) {
        produce(kafka, mapper, topic, event);
        await().atMost(PATIENCE).until(() -> count(db,
                "select count(*) from processed_events where event_id = ?", event.eventId()) == 1);
    }
}
