package dev.atelier.image.rest;

import static dev.atelier.image.Credits.assertAccount;
import static dev.atelier.image.Credits.usageRows;
import static dev.atelier.image.Fixtures.BASE;
import static dev.atelier.image.Fixtures.PATIENCE;
import static dev.atelier.image.Fixtures.as;
import static dev.atelier.image.Fixtures.count;
import static dev.atelier.image.Fixtures.header;
import static dev.atelier.image.Fixtures.produce;
import static dev.atelier.image.Fixtures.recordsOf;
import static dev.atelier.image.Fixtures.submit;
import static dev.atelier.image.JobEvents.completed;
import static dev.atelier.image.JobEvents.progress;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.atelier.events.EventMessages;
import dev.atelier.events.GenerationCompleted;
import dev.atelier.events.Topics;
import dev.atelier.image.KafkaAndDatabaseTest;
import dev.atelier.problem.Problem;
import dev.atelier.testinfra.RealInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;

/** POST /generations/{id}/cancel: an unfinished job stops, its credits come back, the worker is told. */
@QuarkusTest
@QuarkusTestResource(value = RealInfraResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealInfraResource.DATABASE, value = "image"))
class CancelGenerationTest extends KafkaAndDatabaseTest {
    private static final String TWO_IMAGES = "{\"prompt\":\"two swans\",\"style\":\"artistic\",\"count\":2}";

    @Test
    void cancelingAQueuedJobReleasesItsCreditsAndTellsTheWorker() throws Exception {
        UUID user = UUID.randomUUID();
        UUID job = submit(user, TWO_IMAGES);

        as(user).post(BASE + "/" + job + "/cancel").then()
                .statusCode(200)
                .body("id", equalTo(job.toString()))
                .body("status", equalTo("canceled"))
                .body("imageIds", nullValue());
        as(user).get(BASE + "/" + job).then().body("status", equalTo("canceled"));
        assertAccount(user, 10, 0, 0);
        assertEquals(List.of("grant 10 10", "hold 2 8", "release 2 10"), usageRows(db, user));

        ConsumerTask<String, String> records = recordsOf(kafka, Topics.GENERATION_CANCELED, user)
                .awaitRecords(1, PATIENCE);
        ConsumerRecord<String, String> record = records.getFirstRecord();
        records.close();
        assertEquals(user.toString(), record.key());
        assertEquals(Topics.GENERATION_CANCELED, header(record, EventMessages.EVENT_TYPE_HEADER));
        JsonNode event = mapper.readTree(record.value());
        assertEquals(job.toString(), event.get("jobId").asText());
        assertEquals("user", event.get("reason").asText());
    }

    @Test
    void aRunningJobCanBeCanceledToo() {
        UUID user = UUID.randomUUID();
        UUID job = submit(user, TWO_IMAGES);
        produce(kafka, mapper, Topics.GENERATION_PROGRESS, progress(user, job, 40));
        await().atMost(PATIENCE).untilAsserted(() -> as(user).get(BASE + "/" + job).then()
                .body("status", equalTo("running")));

        as(user).post(BASE + "/" + job + "/cancel").then().statusCode(200).body("status", equalTo("canceled"));
        assertAccount(user, 10, 0, 0);
    }

    @Test
    void aCompletionArrivingAfterTheCancelChangesNothingAndChargesNothing() {
        UUID user = UUID.randomUUID();
        UUID job = submit(user, TWO_IMAGES);
        as(user).post(BASE + "/" + job + "/cancel").then().statusCode(200);

        GenerationCompleted late = completed(user, job, 2);
        produce(kafka, mapper, Topics.GENERATION_COMPLETED, late);
        await().atMost(PATIENCE).until(() -> count(db,
                "select count(*) from processed_events where event_id = ?", late.eventId()) == 1);

        as(user).get(BASE + "/" + job).then().body("status", equalTo("canceled")).body("imageIds", nullValue());
        assertAccount(user, 10, 0, 0);
        assertEquals(List.of("grant 10 10", "hold 2 8", "release 2 10"), usageRows(db, user));
    }

    @Test
    void aFinishedJobCannotBeCanceled() {
        UUID user = UUID.randomUUID();
        UUID job = submit(user, TWO_IMAGES);
        GenerationCompleted done = completed(user, job, 2);
        produce(kafka, mapper, Topics.GENERATION_COMPLETED, done);
        await().atMost(PATIENCE).untilAsserted(() -> as(user).get(BASE + "/" + job).then()
                .body("status", equalTo("succeeded")));

        as(user).post(BASE + "/" + job + "/cancel").then()
                .statusCode(409)
                .contentType(Problem.MEDIA_TYPE)
                .body("status", equalTo(409))
                .body("type", equalTo("urn:problem:atelier:generation-finished"));
        as(user).get(BASE + "/" + job).then().body("status", equalTo("succeeded"));
        assertAccount(user, 10, 2, 0);
    }

    @Test
    void cancelingTwiceIsAConflictAndReleasesOnce() {
        UUID user = UUID.randomUUID();
        UUID job = submit(user, TWO_IMAGES);
        as(user).post(BASE + "/" + job + "/cancel").then().statusCode(200);
        as(user).post(BASE + "/" + job + "/cancel").then().statusCode(409).contentType(Problem.MEDIA_TYPE);
        assertAccount(user, 10, 0, 0);
        assertEquals(1, count(db, "select count(*) from usage_logs where job_id = ? and kind = 'release'", job));
    }

    @Test
    void anotherUsersJobIsNotFoundAndKeepsRunning() {
        UUID owner = UUID.randomUUID();
        UUID job = submit(owner, TWO_IMAGES);
        as(UUID.randomUUID()).post(BASE + "/" + job + "/cancel").then()
                .statusCode(404)
                .contentType(Problem.MEDIA_TYPE);
        as(owner).get(BASE + "/" + job).then().body("status", equalTo("queued"));
        assertAccount(owner, 10, 0, 2);
    }

    @Test
    void anUnknownOrMalformedIdIsNotFound() {
        UUID user = UUID.randomUUID();
        as(user).post(BASE + "/" + UUID.randomUUID() + "/cancel").then()
                .statusCode(404).contentType(Problem.MEDIA_TYPE);
        as(user).post(BASE + "/not-a-uuid/cancel").then().statusCode(404).contentType(Problem.MEDIA_TYPE);
    }
}
