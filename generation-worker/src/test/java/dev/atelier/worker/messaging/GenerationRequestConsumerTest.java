package dev.atelier.worker.messaging;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import dev.atelier.events.EventMessages;
import dev.atelier.events.GeneratedImage;
import dev.atelier.events.GenerationCompleted;
import dev.atelier.events.GenerationFailed;
import dev.atelier.events.GenerationProgress;
import dev.atelier.events.GenerationRequested;
import dev.atelier.events.StorageKeys;
import dev.atelier.events.Topics;
import dev.atelier.worker.service.PngImages;
import dev.atelier.worker.testing.TestImages;
import dev.atelier.worker.testing.WorkerTest;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/** The worker end to end: a request on real Kafka becomes images in real S3 and events back on Kafka. */
@QuarkusTest
class GenerationRequestConsumerTest extends WorkerTest {
    private static final String PROMPT = "a lighthouse on a cliff at dusk";

    @Test
    void aRequestBecomesAPngOriginalAndAJpegThumbInTheBucketAndACompletion() {
        GenerationRequested request = request("local", PROMPT, "640x480", 2);

        send(request);

        ConsumerRecord<String, String> record = awaitEvents(Topics.GENERATION_COMPLETED, request.jobId(), 1).get(0);
        assertEquals(request.userId().toString(), record.key(), "keyed by user");
        assertEquals(Topics.GENERATION_COMPLETED, header(record, EventMessages.EVENT_TYPE_HEADER));
        GenerationCompleted completed = read(record, GenerationCompleted.class);
        assertEquals(request.userId(), completed.userId());
        assertEquals(GenerationCompleted.VERSION, completed.version());
        assertNotNull(completed.eventId());
        assertNotNull(completed.occurredAt());
        assertEquals(request.prompt(), completed.prompt());
        assertEquals(request.style(), completed.style());
        assertEquals(request.name(), completed.name());
        assertEquals(request.emotion(), completed.emotion());
        assertEquals(request.seed(), completed.seed());
        assertEquals("local", completed.provider());
        assertEquals("atelier-procedural-1", completed.model());
        assertEquals(2, completed.images().size());

        for (int index = 0; index < 2; index++) {
            GeneratedImage image = completed.images().get(index);
            UUID expectedId = UUID.nameUUIDFromBytes((request.jobId() + ":" + index).getBytes(StandardCharsets.UTF_8));
            assertEquals(expectedId, image.imageId());
            assertEquals(index, image.index());
            assertEquals("png", image.format());
            assertEquals(640, image.width());
            assertEquals(480, image.height());
            assertEquals(Map.of(
                    StorageKeys.ORIGINAL, StorageKeys.image(request.userId(), expectedId, StorageKeys.ORIGINAL, "png"),
                    StorageKeys.THUMB, StorageKeys.image(request.userId(), expectedId, StorageKeys.THUMB, "jpg")),
                    image.keys());

            ResponseBytes<GetObjectResponse> original = object(image.keys().get(StorageKeys.ORIGINAL));
            assertEquals("image/png", original.response().contentType());
            assertEquals(image.bytes(), original.asByteArray().length);
            assertEquals(image.contentHash(), PngImages.sha256Hex(original.asByteArray()));
            assertDimensions(640, 480, original.asByteArray());

            ResponseBytes<GetObjectResponse> thumb = object(image.keys().get(StorageKeys.THUMB));
            assertEquals("image/jpeg", thumb.response().contentType());
            assertDimensions(256, 192, thumb.asByteArray());
        }
        assertNotEquals(completed.images().get(0).contentHash(), completed.images().get(1).contentHash(),
                "two different images");
    }

    @Test
    void anImageLargerThanTheMediumSizeAlsoGetsAJpegMedium() {
        GenerationRequested request = request("local", PROMPT, "2048x1024", 1);

        send(request);

        GeneratedImage image = read(awaitEvents(Topics.GENERATION_COMPLETED, request.jobId(), 1).get(0),
                GenerationCompleted.class).images().get(0);
        assertEquals(Map.of(
                StorageKeys.ORIGINAL, StorageKeys.image(request.userId(), image.imageId(), StorageKeys.ORIGINAL, "png"),
                StorageKeys.MEDIUM, StorageKeys.image(request.userId(), image.imageId(), StorageKeys.MEDIUM, "jpg"),
                StorageKeys.THUMB, StorageKeys.image(request.userId(), image.imageId(), StorageKeys.THUMB, "jpg")),
                image.keys());
        assertEquals(2048, image.width());
        assertEquals(1024, image.height());
        ResponseBytes<GetObjectResponse> medium = object(image.keys().get(StorageKeys.MEDIUM));
        assertEquals("image/jpeg", medium.response().contentType());
        assertDimensions(1024, 512, medium.asByteArray());
        assertDimensions(256, 128, object(image.keys().get(StorageKeys.THUMB)).asByteArray());
        assertDimensions(2048, 1024, object(image.keys().get(StorageKeys.ORIGINAL)).asByteArray());
    }

    @Test
    void progressIsReportedBeforeAndAfterEachImage() {
        GenerationRequested request = request("local", PROMPT, "256x256", 2);

        send(request);

        List<ConsumerRecord<String, String>> records = awaitEvents(Topics.GENERATION_PROGRESS, request.jobId(), 3);
        int[] percents = new int[records.size()];
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, String> record = records.get(i);
            assertEquals(request.userId().toString(), record.key());
            assertEquals(Topics.GENERATION_PROGRESS, header(record, EventMessages.EVENT_TYPE_HEADER));
            percents[i] = read(record, GenerationProgress.class).percent();
        }
        assertArrayEquals(new int[] { 0, 50, 100 }, percents, "in order: one user's events share a partition");
    }

    @Test
    void aRedeliveredRequestWritesTheSameImagesAgain() {
        GenerationRequested request = request("local", PROMPT, "256x256", 2);

        send(request);
        send(request);

        List<ConsumerRecord<String, String>> records = awaitEvents(Topics.GENERATION_COMPLETED, request.jobId(), 2);
        GenerationCompleted first = read(records.get(0), GenerationCompleted.class);
        GenerationCompleted second = read(records.get(1), GenerationCompleted.class);
        assertEquals(first.images().stream().map(GeneratedImage::imageId).toList(),
                second.images().stream().map(GeneratedImage::imageId).toList());
        assertEquals(first.images().stream().map(GeneratedImage::contentHash).toList(),
                second.images().stream().map(GeneratedImage::contentHash).toList(), "same pixels");
        assertEquals(first.eventId(), second.eventId(), "the same event, for consumers to deduplicate");
    }

    @Test
    void aJobQueuedAgainAsANewAttemptOverwritesTheSameImageIdsAndKeys() {
        // What image-service's reaper does with a job whose worker died: the same job, attempt + 1.
        UUID userId = UUID.randomUUID();
        UUID jobId = UUID.randomUUID();
        GenerationRequested firstAttempt = request(userId, jobId, "local", PROMPT, "1280x720", 2, 1, Map.of());
        GenerationRequested secondAttempt = request(userId, jobId, "local", PROMPT, "1280x720", 2, 2, Map.of());

        send(firstAttempt);
        GenerationCompleted first = read(awaitEvents(Topics.GENERATION_COMPLETED, jobId, 1).get(0),
                GenerationCompleted.class);
        List<String> objectsAfterFirst = objectsOf(userId);
        send(secondAttempt);
        GenerationCompleted second = read(awaitEvents(Topics.GENERATION_COMPLETED, jobId, 2).get(1),
                GenerationCompleted.class);

        assertEquals(first.images().stream().map(GeneratedImage::imageId).toList(),
                second.images().stream().map(GeneratedImage::imageId).toList(), "the same image ids");
        assertEquals(first.images().stream().map(GeneratedImage::keys).toList(),
                second.images().stream().map(GeneratedImage::keys).toList(), "the same object keys");
        assertEquals(objectsAfterFirst, objectsOf(userId), "overwritten: no second set of objects");
        assertEquals(6, objectsAfterFirst.size(), "original, medium and thumb of two images");
        assertNotEquals(first.eventId(), second.eventId(), "a new attempt is a new event");
        for (GeneratedImage image : second.images()) {
            assertEquals(image.contentHash(),
                    PngImages.sha256Hex(object(image.keys().get(StorageKeys.ORIGINAL)).asByteArray()));
        }
    }

    @Test
    void anUnknownProviderFailsTheJob() {
        GenerationRequested request = request("dall-e-9", PROMPT, "256x256", 1);

        send(request);

        ConsumerRecord<String, String> record = awaitEvents(Topics.GENERATION_FAILED, request.jobId(), 1).get(0);
        assertEquals(request.userId().toString(), record.key());
        assertEquals(Topics.GENERATION_FAILED, header(record, EventMessages.EVENT_TYPE_HEADER));
        GenerationFailed failed = read(record, GenerationFailed.class);
        assertEquals(request.userId(), failed.userId());
        assertEquals("unknown_provider", failed.code());
        assertEquals(false, failed.retryable());
        assertNotNull(failed.message());
    }

    @Test
    void aSizeOutOfRangeFailsTheJobAsAnInvalidRequest() {
        GenerationRequested request = request("local", PROMPT, "100000x5", 1);

        send(request);

        GenerationFailed failed = read(awaitEvents(Topics.GENERATION_FAILED, request.jobId(), 1).get(0),
                GenerationFailed.class);
        assertEquals("invalid_request", failed.code());
        assertEquals(false, failed.retryable());
    }

    @Test
    void anUnreadableRecordGoesToTheDeadLetterTopicWithItsBytesAndAReason() {
        String garbage = "{not json " + UUID.randomUUID();

        kafka.send(Topics.GENERATION_REQUESTED, UUID.randomUUID().toString(), garbage);

        List<ConsumerRecord<String, String>> dead = kafka.await(Topics.dlq(Topics.GENERATION_REQUESTED),
                record -> garbage.equals(record.value()), 1);
        assertNotNull(header(dead.get(0), "dead-letter-reason"));
    }

    @Test
    void aPoisonRecordDoesNotHoldUpTheRecordsBehindIt() {
        GenerationRequested good = request("local", PROMPT, "256x256", 1);
        String poison = "{\"jobId\": \"not a uuid " + UUID.randomUUID() + "\"";
        // Same key, so same partition: the good record is right behind the poison one.
        kafka.send(Topics.GENERATION_REQUESTED, good.userId().toString(), poison);

        send(good);

        GenerationCompleted completed = read(awaitEvents(Topics.GENERATION_COMPLETED, good.jobId(), 1).get(0),
                GenerationCompleted.class);
        assertEquals(1, completed.images().size());
        ConsumerRecord<String, String> dead = kafka.await(Topics.dlq(Topics.GENERATION_REQUESTED),
                record -> poison.equals(record.value()), 1).get(0);
        assertEquals(good.userId().toString(), dead.key());
        assertNotNull(header(dead, "dead-letter-reason"));
    }

    @Test
    void aRequestWithoutIdsIsDeadLetteredWithTheReason() {
        UUID marker = UUID.randomUUID();
        String withoutIds = "{\"prompt\": \"" + marker + "\", \"style\": \"realistic\", \"count\": 1}";

        kafka.send(new ProducerRecord<>(Topics.GENERATION_REQUESTED, marker.toString(), withoutIds));

        ConsumerRecord<String, String> dead = kafka.await(Topics.dlq(Topics.GENERATION_REQUESTED),
                record -> record.value() != null && record.value().contains(marker.toString()), 1).get(0);
        String reason = header(dead, "dead-letter-reason");
        assertTrue(reason != null && reason.contains("jobId"), "reason: " + reason);
    }

    @Test
    void theBucketIsCreatedAtStartupAndReportedReady() {
        s3.headBucket(request -> request.bucket(config.storage().bucket()));

        given().get("/q/health/ready").then().statusCode(200).body("checks.name", hasItem("image storage"));
    }

    private static void assertDimensions(int width, int height, byte[] encoded) {
        BufferedImage image = TestImages.read(encoded);
        assertEquals(width + "x" + height, image.getWidth() + "x" + image.getHeight());
    }
}
