package dev.atelier.worker.messaging;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import javax.imageio.ImageIO;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.atelier.events.EventMessages;
import dev.atelier.events.GeneratedImage;
import dev.atelier.events.GenerationCompleted;
import dev.atelier.events.GenerationFailed;
import dev.atelier.events.GenerationProgress;
import dev.atelier.events.GenerationRequested;
import dev.atelier.events.StorageKeys;
import dev.atelier.events.Topics;
import dev.atelier.testinfra.RealInfraResource;
import dev.atelier.worker.config.WorkerConfig;
import dev.atelier.worker.service.PngImages;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/** The worker end to end: a request on real Kafka becomes PNGs in real S3 and events back on Kafka. */
@QuarkusTest
@QuarkusTestResource(value = RealInfraResource.class, restrictToAnnotatedClass = false)
class GenerationRequestConsumerTest {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    S3Client s3;

    @Inject
    ObjectMapper json;

    @Inject
    WorkerConfig config;

    private KafkaCompanion companion;

    @BeforeEach
    void connect() {
        companion = new KafkaCompanion(bootstrapServers);
    }

    @AfterEach
    void disconnect() {
        companion.close();
    }

    @Test
    void aRequestBecomesPngsInTheBucketAndACompletionWithoutAMediumForSmallImages() throws IOException {
        GenerationRequested request = request("local", "640x480", 2);

        send(request);

        ConsumerRecord<String, String> record = awaitEvents(Topics.GENERATION_COMPLETED, request.jobId(), 1).get(0);
        assertEquals(request.userId().toString(), record.key(), "keyed by user");
        assertEquals(Topics.GENERATION_COMPLETED, header(record, EventMessages.EVENT_TYPE_HEADER));
        GenerationCompleted completed = json.readValue(record.value(), GenerationCompleted.class);
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
                    StorageKeys.THUMB, StorageKeys.image(request.userId(), expectedId, StorageKeys.THUMB, "png")),
                    image.keys());

            ResponseBytes<GetObjectResponse> original = object(image.keys().get(StorageKeys.ORIGINAL));
            assertEquals("image/png", original.response().contentType());
            assertEquals(image.bytes(), original.asByteArray().length);
            assertEquals(image.contentHash(), PngImages.sha256Hex(original.asByteArray()));
            assertDimensions(640, 480, original.asByteArray());

            ResponseBytes<GetObjectResponse> thumb = object(image.keys().get(StorageKeys.THUMB));
            assertEquals("image/png", thumb.response().contentType());
            assertDimensions(256, 192, thumb.asByteArray());
        }
        assertFalse(completed.images().get(0).contentHash().equals(completed.images().get(1).contentHash()),
                "two different images");
    }

    @Test
    void anImageLargerThanTheMediumSizeAlsoGetsAMediumVariant() throws IOException {
        GenerationRequested request = request("local", "2048x1024", 1);

        send(request);

        GenerationCompleted completed = json.readValue(
                awaitEvents(Topics.GENERATION_COMPLETED, request.jobId(), 1).get(0).value(), GenerationCompleted.class);
        GeneratedImage image = completed.images().get(0);
        assertEquals(Map.of(
                StorageKeys.ORIGINAL, StorageKeys.image(request.userId(), image.imageId(), StorageKeys.ORIGINAL, "png"),
                StorageKeys.MEDIUM, StorageKeys.image(request.userId(), image.imageId(), StorageKeys.MEDIUM, "png"),
                StorageKeys.THUMB, StorageKeys.image(request.userId(), image.imageId(), StorageKeys.THUMB, "png")),
                image.keys());
        assertEquals(2048, image.width());
        assertEquals(1024, image.height());
        ResponseBytes<GetObjectResponse> medium = object(image.keys().get(StorageKeys.MEDIUM));
        assertEquals("image/png", medium.response().contentType());
        assertDimensions(1024, 512, medium.asByteArray());
        assertDimensions(256, 128, object(image.keys().get(StorageKeys.THUMB)).asByteArray());
        assertDimensions(2048, 1024, object(image.keys().get(StorageKeys.ORIGINAL)).asByteArray());
    }

    @Test
    void progressIsReportedBeforeAndAfterEachImage() throws IOException {
        GenerationRequested request = request("local", "256x256", 2);

        send(request);

        List<ConsumerRecord<String, String>> records = awaitEvents(Topics.GENERATION_PROGRESS, request.jobId(), 3);
        int[] percents = new int[records.size()];
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, String> record = records.get(i);
            assertEquals(request.userId().toString(), record.key());
            assertEquals(Topics.GENERATION_PROGRESS, header(record, EventMessages.EVENT_TYPE_HEADER));
            percents[i] = json.readValue(record.value(), GenerationProgress.class).percent();
        }
        assertArrayEquals(new int[] { 0, 50, 100 }, percents, "in order: one user's events share a partition");
    }

    @Test
    void aRedeliveredRequestWritesTheSameImagesAgain() throws IOException {
        GenerationRequested request = request("local", "256x256", 2);

        send(request);
        send(request);

        List<ConsumerRecord<String, String>> records = awaitEvents(Topics.GENERATION_COMPLETED, request.jobId(), 2);
        GenerationCompleted first = json.readValue(records.get(0).value(), GenerationCompleted.class);
        GenerationCompleted second = json.readValue(records.get(1).value(), GenerationCompleted.class);
        assertEquals(first.images().stream().map(GeneratedImage::imageId).toList(),
                second.images().stream().map(GeneratedImage::imageId).toList());
        assertEquals(first.images().stream().map(GeneratedImage::contentHash).toList(),
                second.images().stream().map(GeneratedImage::contentHash).toList(), "same pixels");
        assertEquals(first.eventId(), second.eventId(), "the same event, for consumers to deduplicate");
    }

    @Test
    void anUnknownProviderFailsTheJob() throws IOException {
        GenerationRequested request = request("dall-e-9", "256x256", 1);

        send(request);

        ConsumerRecord<String, String> record = awaitEvents(Topics.GENERATION_FAILED, request.jobId(), 1).get(0);
        assertEquals(request.userId().toString(), record.key());
        assertEquals(Topics.GENERATION_FAILED, header(record, EventMessages.EVENT_TYPE_HEADER));
        GenerationFailed failed = json.readValue(record.value(), GenerationFailed.class);
        assertEquals(request.userId(), failed.userId());
        assertEquals("unknown_provider", failed.code());
        assertEquals(false, failed.retryable());
        assertNotNull(failed.message());
    }

    @Test
    void aSizeOutOfRangeFailsTheJobAsAnInvalidRequest() throws IOException {
        GenerationRequested request = request("local", "100000x5", 1);

        send(request);

        GenerationFailed failed = json.readValue(
                awaitEvents(Topics.GENERATION_FAILED, request.jobId(), 1).get(0).value(), GenerationFailed.class);
        assertEquals("invalid_request", failed.code());
        assertEquals(false, failed.retryable());
    }

    @Test
    void anUnreadableRecordGoesToTheDeadLetterTopicWithItsBytes() {
        String garbage = "{not json " + UUID.randomUUID();

        companion.produceStrings().fromRecords(new ProducerRecord<>(Topics.GENERATION_REQUESTED,
                UUID.randomUUID().toString(), garbage)).awaitCompletion(WAIT);

        List<ConsumerRecord<String, String>> dead = await(Topics.dlq(Topics.GENERATION_REQUESTED),
                record -> garbage.equals(record.value()), 1);
        assertNotNull(header(dead.get(0), "dead-letter-reason"));
    }

    @Test
    void theBucketIsCreatedAtStartupAndReportedReady() {
        s3.headBucket(request -> request.bucket(config.storage().bucket()));

        given().get("/q/health/ready").then().statusCode(200).body("checks.name", hasItem("image storage"));
    }

    private GenerationRequested request(String provider, String size, int count) {
        return new GenerationRequested(UUID.randomUUID(), GenerationRequested.VERSION, Instant.now(),
                UUID.randomUUID(), UUID.randomUUID(), "a lighthouse on a cliff at dusk", "realistic", size, count,
                "Lighthouse", "calm", 1234L, provider, 1, Map.of());
    }

    private void send(GenerationRequested request) throws JsonProcessingException {
        companion.produceStrings().fromRecords(new ProducerRecord<>(Topics.GENERATION_REQUESTED,
                request.userId().toString(), json.writeValueAsString(request))).awaitCompletion(WAIT);
    }

    private List<ConsumerRecord<String, String>> awaitEvents(String topic, UUID jobId, int count) {
        return await(topic, record -> jobId.toString().equals(jobIdOf(record.value())), count);
    }

    private List<ConsumerRecord<String, String>> await(String topic, Predicate<ConsumerRecord<String, String>> filter,
            int count) {
        ConsumerTask<String, String> task = companion.consumeStrings()
                .withGroupId("test-" + UUID.randomUUID())
                .withOffsetReset(OffsetResetStrategy.EARLIEST)
                .fromTopics(Set.of(topic), records -> records.filter(filter));
        try {
            return task.awaitRecords(count, WAIT).getRecords();
        } finally {
            task.stop();
        }
    }

    private String jobIdOf(String value) {
        try {
            return json.readTree(value).path("jobId").asText(null);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private ResponseBytes<GetObjectResponse> object(String key) {
        return s3.getObjectAsBytes(request -> request.bucket(config.storage().bucket()).key(key));
    }

    private static void assertDimensions(int width, int height, byte[] png) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            assertNotNull(image, "decodes as an image");
            assertEquals(width + "x" + height, image.getWidth() + "x" + image.getHeight());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
