package dev.atelier.image.service;

import static dev.atelier.image.Credits.assertAccount;
import static dev.atelier.image.Credits.usageRows;
import static dev.atelier.image.Fixtures.BASE;
import static dev.atelier.image.Fixtures.PATIENCE;
import static dev.atelier.image.Fixtures.as;
import static dev.atelier.image.Fixtures.produce;
import static dev.atelier.image.Fixtures.recordsOf;
import static dev.atelier.image.Fixtures.submit;
import static dev.atelier.image.Fixtures.update;
import static dev.atelier.image.JobEvents.progress;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.atelier.events.Topics;
import dev.atelier.image.KafkaAndDatabaseTest;
import dev.atelier.testinfra.RealInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;

/**
 * Jobs stuck past their lease (10 min running, 30 min queued by default) go back to the queue for another attempt,
 * or fail with {@code timeout} after the last one. Tests make a job stale by moving its last change back in the
 * database, then run the reaper once.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfraResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealInfraResource.DATABASE, value = "image"))
class JobReaperTest extends KafkaAndDatabaseTest {
    private static final String REQUEST = "{\"prompt\":\"a lost ship\",\"style\":\"realistic\",\"count\":2,\"seed\":5}";

    @Inject
    JobReaper reaper;

    @Test
    void aRunningJobSilentPastItsLeaseIsQueuedAgainWithTheSameRequest() throws Exception {
        UUID user = UUID.randomUUID();
        UUID job = submit(user, REQUEST);
        produce(kafka, mapper, Topics.GENERATION_PROGRESS, progress(user, job, 30));
        await().atMost(PATIENCE).untilAsserted(() -> as(user).get(BASE + "/" + job).then()
                .body("status", equalTo("running")));
        makeStale(job, "11 minutes");

        reaper.reap();

        as(user).get(BASE + "/" + job).then().body("status", equalTo("queued")).body("progress", equalTo(0));
        assertEquals(2, attempt(job));
        ConsumerTask<String, String> records = recordsOf(kafka, Topics.GENERATION_REQUESTED, user)
                .awaitRecords(2, PATIENCE);
        List<ConsumerRecord<String, String>> requests = records.getRecords();
        records.close();
        JsonNode first = mapper.readTree(requests.get(0).value());
        JsonNode again = mapper.readTree(requests.get(1).value());
        assertEquals(job.toString(), again.get("jobId").asText());
        assertEquals(2, again.get("attempt").asInt());
        assertEquals(5, again.get("seed").asLong());
        assertEquals(first.get("prompt"), again.get("prompt"));
        assertEquals(first.get("params"), again.get("params"));
        assertNotEquals(first.get("eventId"), again.get("eventId"));
        // Still holding its credits: the job is not finished.
        assertAccount(user, 10, 0, 2);
    }

    @Test
    void aJobQueuedFarTooLongIsQueuedAgain() {
        UUID user = UUID.randomUUID();
        UUID job = submit(user, REQUEST);
        makeStale(job, "31 minutes");

        reaper.reap();

        as(user).get(BASE + "/" + job).then().body("status", equalTo("queued"));
        assertEquals(2, attempt(job));
    }

    @Test
    void aJobStuckAtItsLastAttemptFailsWithTimeoutAndItsCreditsAreReleased() throws Exception {
        UUID user = UUID.randomUUID();
        UUID job = submit(user, REQUEST);
        update(db, "update generation_jobs set status = 'running', attempt = 3 where id = ?", job);
        makeStale(job, "11 minutes");

        reaper.reap();

        as(user).get(BASE + "/" + job).then()
                .body("status", equalTo("failed"))
                .body("error.code", equalTo("timeout"));
        assertAccount(user, 10, 0, 0);
        assertEquals(List.of("grant 10 10", "hold 2 8", "release 2 10"), usageRows(db, user));
        ConsumerTask<String, String> records = recordsOf(kafka, Topics.GENERATION_CANCELED, user)
                .awaitRecords(1, PATIENCE);
        JsonNode canceled = mapper.readTree(records.getFirstRecord().value());
        records.close();
        assertEquals(job.toString(), canceled.get("jobId").asText());
        assertEquals("timeout", canceled.get("reason").asText());
    }

    @Test
    void jobsWithinTheirLeaseAreLeftAlone() {
        UUID user = UUID.randomUUID();
        UUID queued = submit(user, REQUEST);
        UUID running = submit(user, REQUEST);
        update(db, "update generation_jobs set status = 'running' where id = ?", running);
        makeStale(running, "9 minutes");

        reaper.reap();

        assertEquals(1, attempt(queued));
        assertEquals(1, attempt(running));
        as(user).get(BASE + "/" + running).then().body("status", equalTo("running"));
    }

    private void makeStale(UUID job, String age) {
        update(db, "update generation_jobs set updated_at = now() - cast(? as interval) where id = ?", age, job);
    }

    private long attempt(UUID job) {
        return dev.atelier.image.Fixtures.count(db, "select attempt from generation_jobs where id = ?", job);
    }
}
