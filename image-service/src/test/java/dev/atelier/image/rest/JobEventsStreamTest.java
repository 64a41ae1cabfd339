package dev.atelier.image.rest;

import static dev.atelier.image.Fixtures.BASE;
import static dev.atelier.image.Fixtures.PATIENCE;
import static dev.atelier.image.Fixtures.as;
import static dev.atelier.image.Fixtures.count;
import static dev.atelier.image.Fixtures.produce;
import static dev.atelier.image.Fixtures.submit;
import static dev.atelier.image.Fixtures.update;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import dev.atelier.events.GeneratedImage;
import dev.atelier.events.GenerationCompleted;
import dev.atelier.events.GenerationFailed;
import dev.atelier.events.GenerationProgress;
import dev.atelier.events.StorageKeys;
import dev.atelier.events.Topics;
import dev.atelier.image.EventStream;
import dev.atelier.image.KafkaAndDatabaseTest;
import dev.atelier.problem.Problem;
import dev.atelier.testinfra.RealInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** GET /generations/{id}/events: every change of a job, live and resumable, whoever made it. */
@QuarkusTest
@QuarkusTestResource(value = RealInfraResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealInfraResource.DATABASE, value = "image"))
class JobEventsStreamTest extends KafkaAndDatabaseTest {
    private static final String REQUEST = "{\"prompt\":\"a paper boat\",\"style\":\"minimal\"}";

    @Test
    void theStreamFollowsAJobFromQueuedToSucceededAndThenEnds() {
        UUID user = UUID.randomUUID();
        UUID job = submit(user, REQUEST);
        UUID image = UUID.randomUUID();

        try (EventStream stream = EventStream.open(user, job, null)) {
            EventStream.Event queued = stream.next();
            assertEvent(queued, "status", job, "queued", 0);

            produce(kafka, mapper, Topics.GENERATION_PROGRESS, progress(user, job, 30));
            EventStream.Event running = stream.next();
            assertEvent(running, "status", job, "running", 30);

            produce(kafka, mapper, Topics.GENERATION_PROGRESS, progress(user, job, 60));
            EventStream.Event moved = stream.next();
            assertEvent(moved, "progress", job, "running", 60);

            produce(kafka, mapper, Topics.GENERATION_COMPLETED, completed(user, job, image));
            EventStream.Event succeeded = stream.next();
            JsonNode data = assertEvent(succeeded, "status", job, "succeeded", 100);
            assertEquals(image.toString(), data.get("imageIds").get(0).asText());

            assertEquals(List.of(), stream.awaitEnd());
            assertIncreasing(queued, running, moved, succeeded);
        }
    }

    @Test
    void resumingWithLastEventIdSendsOnlyTheLaterEvents() {
        UUID user = UUID.randomUUID();
        UUID job = submit(user, REQUEST);
        produce(kafka, mapper, Topics.GENERATION_PROGRESS, progress(user, job, 10));
        awaitStatus(user, job, "running");
        produce(kafka, mapper, Topics.GENERATION_FAILED, new GenerationFailed(UUID.randomUUID(),
                GenerationFailed.VERSION, Instant.now(), user, job, "provider_unavailable", "no provider answered",
                true));
        awaitStatus(user, job, "failed");

        List<EventStream.Event> all;
        try (EventStream stream = EventStream.open(user, job, null)) {
            all = stream.awaitEnd();
        }
        assertEquals(List.of("queued", "running", "failed"), all.stream().map(e -> status(e)).toList());
        JsonNode failed = json(all.get(2));
        assertEquals("provider_unavailable", failed.get("errorCode").asText());
        assertEquals("no provider answered", failed.get("errorMessage").asText());

        try (EventStream resumed = EventStream.open(user, job, all.get(0).id())) {
            List<EventStream.Event> later = resumed.awaitEnd();
            assertEquals(List.of(all.get(1).id(), all.get(2).id()), later.stream().map(EventStream.Event::id).toList());
        }
        try (EventStream resumed = EventStream.open(user, job, all.get(2).id())) {
            assertEquals(List.of(), resumed.awaitEnd(), "nothing after the last event; the stream just ends");
        }
    }

    @Test
    void aChangeMadeOutsideTheConsumersIsStreamedToo() {
        // As a cancel, the reaper or another replica would: the trigger sees every change, whoever makes it.
        UUID user = UUID.randomUUID();
        UUID job = submit(user, REQUEST);
        try (EventStream stream = EventStream.open(user, job, null)) {
            assertEvent(stream.next(), "status", job, "queued", 0);
            update(db, "update generation_jobs set status = 'canceled', finished_at = now(), updated_at = now()"
                    + " where id = ?", job);
            assertEvent(stream.next(), "status", job, "canceled", 0);
            assertEquals(List.of(), stream.awaitEnd());
        }
    }

    @Test
    void aLostListenConnectionIsReopenedAndNoChangeMadeMeanwhileIsMissed() {
        UUID user = UUID.randomUUID();
        UUID job = submit(user, REQUEST);
        try (EventStream stream = EventStream.open(user, job, null)) {
            assertEvent(stream.next(), "status", job, "queued", 0);
            // Cut the service's LISTEN connection, then change the job while it is down: that notification is lost.
            assertEquals(1, count(db, "select count(*) from (select pg_terminate_backend(pid) from pg_stat_activity"
                    + " where query ilike 'listen%job_events%' and pid <> pg_backend_pid()) as cut"));
            update(db, "update generation_jobs set status = 'running', progress = 20, started_at = now(),"
                    + " updated_at = now() where id = ?", job);
            // Re-reading once the LISTEN is back delivers it anyway.
            assertEvent(stream.next(), "status", job, "running", 20);
        }
    }

    @Test
    void anIdleStreamSendsKeepaliveComments() {
        UUID user = UUID.randomUUID();
        UUID job = submit(user, REQUEST);
        try (EventStream stream = EventStream.open(user, job, null)) {
            assertEvent(stream.next(), "status", job, "queued", 0);
            assertEquals("keepalive", stream.nextComment());
        }
    }

    @Test
    void anotherUsersJobIsNotFound() {
        UUID owner = UUID.randomUUID();
        UUID job = submit(owner, REQUEST);
        as(UUID.randomUUID()).accept("text/event-stream").get(BASE + "/" + job + "/events").then()
                .statusCode(404)
                .contentType(Problem.MEDIA_TYPE);
        as(owner).accept("text/event-stream").get(BASE + "/" + UUID.randomUUID() + "/events").then()
                .statusCode(404)
                .contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void aLastEventIdThatIsNoEventIdIsA400NamingIt() {
        UUID user = UUID.randomUUID();
        UUID job = submit(user, REQUEST);
        as(user).accept("text/event-stream").header("Last-Event-ID", "yesterday")
                .get(BASE + "/" + job + "/events").then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors.field", hasItem("Last-Event-ID"));
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private JsonNode assertEvent(EventStream.Event event, String kind, UUID job, String status, int progress) {
        assertEquals(kind, event.name(), "event name of " + event);
        JsonNode data = json(event);
        assertEquals(job.toString(), data.get("id").asText());
        assertEquals(status, data.get("status").asText());
        assertEquals(progress, data.get("progress").asInt());
        assertTrue(data.hasNonNull("at"));
        assertFalse(event.id() == null || event.id().isBlank(), "every event has an id");
        return data;
    }

    private static void assertIncreasing(EventStream.Event... events) {
        for (int i = 1; i < events.length; i++) {
            assertTrue(Long.parseLong(events[i].id()) > Long.parseLong(events[i - 1].id()), "ids increase");
        }
    }

    private String status(EventStream.Event event) {
        return json(event).get("status").asText();
    }

    private JsonNode json(EventStream.Event event) {
        try {
            return mapper.readTree(event.data());
        } catch (JsonProcessingException e) {
            throw new AssertionError("event data is not JSON: " + event.data(), e);
        }
    }

    private void awaitStatus(UUID user, UUID job, String status) {
        await().atMost(PATIENCE).untilAsserted(
                () -> as(user).get(BASE + "/" + job).then().statusCode(200).body("status", equalTo(status)));
    }

    private static GenerationProgress progress(UUID user, UUID job, int percent) {
        return new GenerationProgress(UUID.randomUUID(), GenerationProgress.VERSION, Instant.now(), user, job, percent);
    }

    private static GenerationCompleted completed(UUID user, UUID job, UUID image) {
        GeneratedImage generated = new GeneratedImage(image, 0, "png", 1024, 1024, 2048, "ab".repeat(32),
                Map.of(StorageKeys.ORIGINAL, StorageKeys.image(user, image, StorageKeys.ORIGINAL, "png")));
        return new GenerationCompleted(UUID.randomUUID(), GenerationCompleted.VERSION, Instant.now(), user, job,
                "a paper boat", "minimal", null, null, 7, "local", "procedural-v1", List.of(generated));
    }
}
