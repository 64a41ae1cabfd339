package dev.atelier.image.messaging;

import static dev.atelier.image.Fixtures.BASE;
import static dev.atelier.image.Fixtures.PATIENCE;
import static dev.atelier.image.Fixtures.as;
import static dev.atelier.image.Fixtures.count;
import static dev.atelier.image.Fixtures.header;
import static dev.atelier.image.Fixtures.produce;
import static dev.atelier.image.Fixtures.produceRaw;
import static dev.atelier.image.Fixtures.recordsOf;
import static dev.atelier.image.Fixtures.submit;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;


import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;


import dev.atelier.events.GeneratedImage;
import dev.atelier.events.GenerationCompleted;
import dev.atelier.events.GenerationFailed;
import dev.atelier.events.GenerationProgress;
import dev.atelier.events.StorageKeys;
import dev.atelier.events.Topics;
import dev.atelier.image.KafkaAndDatabaseTest;
import dev.atelier.problem.Problem;
import dev.atelier.testinfra.RealInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;

/** The worker's events, produced as the worker sends them, move the job along; GET shows where it is. */
@QuarkusTest
@QuarkusTestResource(value = RealInfraResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealInfraResource.DATABASE, value = "image"))
class JobLifecycleTest extends KafkaAndDatabaseTest {
    private static final String REQUEST = "{\"prompt\":\"a red fox in snow\",\"style\":\"realistic\",\"count\":2}";


    @Test
    void progressThenCompletionShowRunningThenSucceededWithTheImages() {
        UUID user = UUID.randomUUID();
        UUID job = submit(user, REQUEST);

        produce(kafka, mapper, Topics.GENERATION_PROGRESS, progress(user, job, 30));
        awaitJob(user, job, "running").body("progress", equalTo(30)).body("imageIds", nullValue());
        assertNotNull(startedAt(job));

        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        // Listed out of order on purpose: the job keeps them by index.
        produce(kafka, mapper, Topics.GENERATION_COMPLETED, completed(user, job, UUID.randomUUID(), second, first));
        awaitJob(user, job, "succeeded")
                .body("progress", equalTo(100))
                .body("imageIds", contains(first.toString(), second.toString()))
                .body("error", nullValue());
    }

    @Test
    void aCompletionWithoutProgressAlsoSucceeds() {
        UUID user = UUID.randomUUID();
        UUID job = submit(user, REQUEST);
        UUID image = UUID.randomUUID();
        produce(kafka, mapper, Topics.GENERATION_COMPLETED, completed(user, job, UUID.randomUUID(), image));
        awaitJob(user, job, "succeeded").body("imageIds", contains(image.toString()));
    }

    @Test
    void theSameCompletedEventTwiceIsProcessedOnce() {
        UUID user = UUID.randomUUID();
        UUID job = submit(user, REQUEST);
        UUID eventId = UUID.randomUUID();
        UUID image = UUID.randomUUID();
        GenerationCompleted event = completed(user, job, eventId, image);

        produce(kafka, mapper, Topics.GENERATION_COMPLETED, event);
        awaitJob(user, job, "succeeded");
        Instant finishedAt = finishedAt(job);
        produce(kafka, mapper, Topics.GENERATION_COMPLETED, event);
        afterEverythingBeforeIsConsumed(user, Topics.GENERATION_COMPLETED);

        assertEquals(1, count(db, "select count(*) from processed_events where event_id = ?", eventId));
        assertEquals(finishedAt, finishedAt(job));
        as(user).get(BASE + "/" + job).then().body("imageIds", contains(image.toString()));
    }

    @Test
    void aRedeliveredEventIdIsIgnoredEvenIfItsBodyDiffers() {
        UUID user = UUID.randomUUID();
        UUID job = submit(user, REQUEST);
        UUID eventId = UUID.randomUUID();
        produce(kafka, mapper, Topics.GENERATION_PROGRESS,
                new GenerationProgress(eventId, GenerationProgress.VERSION, Instant.now(), user, job, 30));
        awaitJob(user, job, "running").body("progress", equalTo(30));

        // Forward-only progress alone would accept 60; only the event id tells it is a redelivery.
        produce(kafka, mapper, Topics.GENERATION_PROGRESS,
                new GenerationProgress(eventId, GenerationProgress.VERSION, Instant.now(), user, job, 60));
        afterEverythingBeforeIsConsumed(user, Topics.GENERATION_PROGRESS);

        as(user).get(BASE + "/" + job).then().body("status", equalTo("running")).body("progress", equalTo(30));
    }

    @Test
    void aLateProgressDoesNotTakeAFinishedJobBack() {
        UUID user = UUID.randomUUID();
        UUID job = submit(user, REQUEST);
        UUID image = UUID.randomUUID();
        produce(kafka, mapper, Topics.GENERATION_COMPLETED, completed(user, job, UUID.randomUUID(), image));
        awaitJob(user, job, "succeeded");

        produce(kafka, mapper, Topics.GENERATION_PROGRESS, progress(user, job, 50));
        afterEverythingBeforeIsConsumed(user, Topics.GENERATION_PROGRESS);

        as(user).get(BASE + "/" + job).then()
                .body("status", equalTo("succeeded"))
                .body("progress", equalTo(100))
                .body("imageIds", contains(image.toString()));
    }

    @Test
    void aFailedEventFailsTheJobWithItsCodeAndMessage() {
        UUID user = UUID.randomUUID();
        UUID job = submit(user, REQUEST);
        produce(kafka, mapper, Topics.GENERATION_PROGRESS, progress(user, job, 10));
        awaitJob(user, job, "running");

        produce(kafka, mapper, Topics.GENERATION_FAILED, new GenerationFailed(UUID.randomUUID(),
                GenerationFailed.VERSION, Instant.now(), user, job, "provider_error", "the renderer gave up", false));
        awaitJob(user, job, "failed")
                .body("error.code", equalTo("provider_error"))
                .body("error.message", equalTo("the renderer gave up"))
                .body("imageIds", nullValue());

        // Finished means finished: a completion arriving after the failure changes nothing.
        produce(kafka, mapper, Topics.GENERATION_COMPLETED, completed(user, job, UUID.randomUUID(), UUID.randomUUID()));
        afterEverythingBeforeIsConsumed(user, Topics.GENERATION_COMPLETED);
        as(user).get(BASE + "/" + job).then().body("status", equalTo("failed"));
    }

    @Test
    void anEventForAnotherUsersJobChangesNothing() {
        UUID owner = UUID.randomUUID();
        UUID job = submit(owner, REQUEST);
        UUID intruder = UUID.randomUUID();
        produce(kafka, mapper, Topics.GENERATION_FAILED, new GenerationFailed(UUID.randomUUID(),
                GenerationFailed.VERSION, Instant.now(), intruder, job, "x", "y", false));
        afterEverythingBeforeIsConsumed(intruder, Topics.GENERATION_FAILED);
        as(owner).get(BASE + "/" + job).then().body("status", equalTo("queued"));
    }

    @Test
    void anUnreadableRecordGoesToTheDeadLetterTopicAndLaterEventsStillApply() {
        UUID user = UUID.randomUUID();
        produceRaw(kafka, Topics.GENERATION_PROGRESS, user, Topics.GENERATION_PROGRESS, "{not json");

        ConsumerTask<String, String> dead = recordsOf(kafka, Topics.dlq(Topics.GENERATION_PROGRESS), user)
                .awaitRecords(1, PATIENCE);
        ConsumerRecord<String, String> record = dead.getFirstRecord();
        dead.close();
        assertEquals("{not json", record.value());
        assertNotNull(header(record, "dead-letter-reason"));

        UUID job = submit(user, REQUEST);
        produce(kafka, mapper, Topics.GENERATION_PROGRESS, progress(user, job, 5));
        awaitJob(user, job, "running");
    }

    @Test
    void anotherUsersJobIsNotFound() {
        UUID owner = UUID.randomUUID();
        UUID job = submit(owner, REQUEST);
        as(UUID.randomUUID()).get(BASE + "/" + job).then()
                .statusCode(404)
                .contentType(Problem.MEDIA_TYPE)
                .body("status", equalTo(404));
        as(owner).get(BASE + "/" + job).then().statusCode(200);
    }

    @Test
    void anUnknownOrMalformedIdIsNotFound() {
        UUID user = UUID.randomUUID();
        as(user).get(BASE + "/" + UUID.randomUUID()).then().statusCode(404).contentType(Problem.MEDIA_TYPE);
        as(user).get(BASE + "/not-a-uuid").then().statusCode(404).contentType(Problem.MEDIA_TYPE);
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private ValidatableResponse awaitJob(UUID user, UUID job, String status) {
        await().atMost(PATIENCE).untilAsserted(
                () -> as(user).get(BASE + "/" + job).then().statusCode(200).body("status", equalTo(status)));
        return as(user).get(BASE + "/" + job).then().statusCode(200);
    }

    /**
     * Records of one key stay in order within their topic, and the consumer takes them one at a time; so once a
     * marker event sent after them is applied, the ones before it have been processed too.
     */
    private void afterEverythingBeforeIsConsumed(UUID user, String topic) {
        UUID marker = submit(user, REQUEST);
        switch (topic) {
            case Topics.GENERATION_PROGRESS -> produce(kafka, mapper, topic, progress(user, marker, 1));
            case Topics.GENERATION_COMPLETED -> produce(kafka, mapper, topic,
                    completed(user, marker, UUID.randomUUID(), UUID.randomUUID()));
            case Topics.GENERATION_FAILED -> produce(kafka, mapper, topic, new GenerationFailed(UUID.randomUUID(),
                    GenerationFailed.VERSION, Instant.now(), user, marker, "marker", "marker", false));
            default -> throw new IllegalArgumentException(topic);
        }
        String expected = switch (topic) {
            case Topics.GENERATION_PROGRESS -> "running";
            case Topics.GENERATION_COMPLETED -> "succeeded";
            default -> "failed";
        };
        awaitJob(user, marker, expected);
    }

    private static GenerationProgress progress(UUID user, UUID job, int percent) {
        return new GenerationProgress(UUID.randomUUID(), GenerationProgress.VERSION, Instant.now(), user, job, percent);
    }

    /** A completion whose images are listed with descending indexes. */
    private static GenerationCompleted completed(UUID user, UUID job, UUID eventId, UUID... imagesLastFirst) {
        List<GeneratedImage> images = new ArrayList<>();
        for (int i = 0; i < imagesLastFirst.length; i++) {
            UUID image = imagesLastFirst[i];
            int index = imagesLastFirst.length - 1 - i;
            images.add(new GeneratedImage(image, index, "png", 1024, 1024, 2048, "ab".repeat(32),
                    Map.of(StorageKeys.ORIGINAL, StorageKeys.image(user, image, StorageKeys.ORIGINAL, "png"))));
        }
        return new GenerationCompleted(eventId, GenerationCompleted.VERSION, Instant.now(), user, job,
                "a red fox in snow", "realistic", null, null, 7, "local", "procedural-v1", images);
    }

    private Instant startedAt(UUID job) {
        return instant("select started_at from generation_jobs where id = ?", job);
    }

    private Instant finishedAt(UUID job) {
        return instant("select finished_at from generation_jobs where id = ?", job);
    }

    private Instant instant(String sql, UUID job) {
        try (Connection connection = db.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, job);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                OffsetDateTime value = rows.getObject(1, OffsetDateTime.class);
                return value == null ? null : value.toInstant();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
