package dev.atelier.gallery;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.atelier.events.EventMessages;
import dev.atelier.events.GeneratedImage;
import dev.atelier.events.GenerationCompleted;
import dev.atelier.events.StorageKeys;
import dev.atelier.events.Topics;
import dev.atelier.gallery.config.GalleryConfig;
import dev.atelier.testinfra.TestJwt;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What the tests need from the outside world: PNG objects in the real bucket, {@code generation.completed}
 * records on the real broker (shaped as generation-worker publishes them), and the gallery as a user sees it.
 */
@ApplicationScoped
public class GalleryFixtures {
    public static final int ORIGINAL_WIDTH = 64;
    public static final int ORIGINAL_HEIGHT = 48;
    public static final int THUMB_WIDTH = 16;
    public static final int THUMB_HEIGHT = 12;
    /** Generous: the first record also waits for the consumer group to join. */
    public static final Duration PROCESSING = Duration.ofSeconds(60);
    public static final String DLQ = Topics.dlq(Topics.GENERATION_COMPLETED);

    private final S3Client s3;
    private final ObjectMapper json;
    private final GalleryConfig config;
    private final KafkaCompanion kafka;

    public GalleryFixtures(S3Client s3, ObjectMapper json, GalleryConfig config,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.s3 = s3;
        this.json = json;
        this.config = config;
        this.kafka = new KafkaCompanion(bootstrapServers);
    }

    @PreDestroy
    void close() {
        kafka.close();
    }

    public KafkaCompanion kafka() {
        return kafka;
    }

    /**
     * A completed job of {@code count} images whose original and thumbnail PNGs are in the bucket. Stored as
     * {@code application/octet-stream}, so a correct Content-Type can only come from the presigned URL.
     */
    public GenerationCompleted completedJob(UUID userId, String name, String prompt, int count) {
        UUID jobId = UUID.randomUUID();
        List<GeneratedImage> images = new ArrayList<>();
        for (int index = 0; index < count; index++) {
            UUID imageId = UUID.randomUUID();
            Color color = Color.getHSBColor(index / (float) count, 0.8f, 0.9f);
            Map<String, String> keys = new LinkedHashMap<>();
            byte[] original = png(ORIGINAL_WIDTH, ORIGINAL_HEIGHT, color);
            keys.put(StorageKeys.ORIGINAL, put(userId, imageId, StorageKeys.ORIGINAL, original));
            keys.put(StorageKeys.THUMB, put(userId, imageId, StorageKeys.THUMB, png(THUMB_WIDTH, THUMB_HEIGHT, color)));
            images.add(new GeneratedImage(imageId, index, "png", ORIGINAL_WIDTH, ORIGINAL_HEIGHT, original.length,
                    "0".repeat(64), keys));
        }
        return completed(userId, jobId, name, prompt, images);
    }

    public GenerationCompleted completed(UUID userId, UUID jobId, String name, String prompt,
            List<GeneratedImage> images) {
        return new GenerationCompleted(UUID.randomUUID(), GenerationCompleted.VERSION, Instant.now(), userId, jobId,
                prompt, "artistic", name, "calm", 42L, "local", "procedural-v1", images);
    }

    /** Publishes the event as generation-worker does: key = user id, header event-type, JSON value. */
    public void publish(GenerationCompleted event) {
        try {
            publishRaw(event.userId().toString(), json.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public void publishRaw(String key, String value) {
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.GENERATION_COMPLETED, key, value);
        record.headers().add(EventMessages.EVENT_TYPE_HEADER,
                Topics.GENERATION_COMPLETED.getBytes(StandardCharsets.UTF_8));
        kafka.produceStrings().fromRecords(record).awaitCompletion();
    }

    /** Publishes the event and waits until the consumer has stored its images. */
    public GenerationCompleted publishAndAwait(GenerationCompleted event) {
        publish(event);
        awaitVisible(event.userId(), event.images().get(event.images().size() - 1).imageId());
        return event;
    }

    /** Waits until {@code imageId} is in the user's gallery: records of one user are consumed in order. */
    public void awaitVisible(UUID userId, UUID imageId) {
        await().atMost(PROCESSING).until(() -> given().auth().oauth2(token(userId))
                .get("/api/v1/images/{id}", imageId).statusCode() == 200);
    }

    /** Every image of the user's gallery, in list order. */
    public List<Map<String, Object>> list(UUID userId) {
        JsonPath page = given().auth().oauth2(token(userId)).queryParam("limit", config.page().maxLimit())
                .get("/api/v1/images").then().statusCode(200).extract().jsonPath();
        return page.getList("items");
    }

    /**
     * Every record on the dead-letter topic so far. Deterministic once a later record of the same user has been
     * processed: a record is dead-lettered (and acknowledged by the broker) before the next one is consumed.
     */
    public List<ConsumerRecord<String, String>> deadLetters() {
        if (!kafka.topics().list().contains(DLQ)) {
            return List.of();
        }
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        kafka.topics().describe(DLQ).get(DLQ).partitions()
                .forEach(partition -> latest.put(new TopicPartition(DLQ, partition.partition()), OffsetSpec.latest()));
        long total = kafka.offsets().list(latest).values().stream().mapToLong(ListOffsetsResultInfo::offset).sum();
        if (total == 0) {
            return List.of();
        }
        return kafka.consumeStrings()
                .withGroupId("gallery-test-" + UUID.randomUUID())
                .withOffsetReset(OffsetResetStrategy.EARLIEST)
                .fromTopics(DLQ, total)
                .awaitCompletion(PROCESSING)
                .getRecords();
    }

    /** Whether a dead-lettered record carries {@code eventId} (JSON records keep their event id). */
    public boolean deadLettered(UUID eventId) {
        return deadLetters().stream().anyMatch(record -> record.value() != null
                && record.value().contains(eventId.toString()));
    }

    public static String token(UUID userId) {
        return TestJwt.forUser(userId);
    }

    private String put(UUID userId, UUID imageId, String variant, byte[] bytes) {
        String key = StorageKeys.image(userId, imageId, variant, "png");
        s3.putObject(request -> request.bucket(config.bucket()).key(key).contentType("application/octet-stream"),
                RequestBody.fromBytes(bytes));
        return key;
    }

    static byte[] png(int width, int height, Color color) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(color);
        graphics.fillRect(0, 0, width, height);
        graphics.dispose();
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
