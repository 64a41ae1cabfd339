package dev.atelier.worker.testing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.atelier.events.GenerationRequested;
import dev.atelier.events.Topics;
import dev.atelier.testinfra.RealInfraResource;
import dev.atelier.worker.config.WorkerConfig;
import io.quarkus.test.common.QuarkusTestResource;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * What the worker's {@code @QuarkusTest}s share: the real Kafka and S3 of test-infra, WireMock for the paid
 * moderation API (one resource set for every class, so the app starts once), and helpers to send requests and read
 * what came out.
 */
@QuarkusTestResource(value = RealInfraResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = WireMockModeration.class, restrictToAnnotatedClass = false)
public abstract class WorkerTest {
    /** The consumer group of {@code generation.requested}. */
    protected static final String WORKER_GROUP = "generation-worker";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    protected String bootstrapServers;

    @Inject
    protected S3Client s3;

    @Inject
    protected ObjectMapper json;

    @Inject
    protected WorkerConfig config;

    protected KafkaTopics kafka;

    @BeforeEach
    void connectToKafka() {
        kafka = new KafkaTopics(bootstrapServers);
    }

    @AfterEach
    void disconnectFromKafka() {
        kafka.close();
    }

    protected GenerationRequested request(String provider, String prompt, String size, int count) {
        return request(UUID.randomUUID(), UUID.randomUUID(), provider, prompt, size, count, 1, Map.of());
    }

    protected GenerationRequested request(UUID userId, UUID jobId, String provider, String prompt, String size,
            int count, int attempt, Map<String, Object> params) {
        return new GenerationRequested(UUID.randomUUID(), GenerationRequested.VERSION, Instant.now(), userId, jobId,
                prompt, "realistic", size, count, "Lighthouse", "calm", 1234L, provider, attempt, params);
    }

    protected RecordMetadata send(GenerationRequested request) {
        return kafka.send(Topics.GENERATION_REQUESTED, request.userId().toString(), write(request));
    }

    protected String write(Object event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    protected <T> T read(ConsumerRecord<String, String> record, Class<T> type) {
        try {
            return json.readValue(record.value(), type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits for {@code count} events of {@code topic} about {@code jobId}. */
    protected List<ConsumerRecord<String, String>> awaitEvents(String topic, UUID jobId, int count) {
        return kafka.await(topic, record -> jobId.toString().equals(jobIdOf(record.value())), count);
    }

    /** The events of {@code topic} about {@code jobId} published so far. */
    protected List<ConsumerRecord<String, String>> eventsSoFar(String topic, UUID jobId) {
        return kafka.readToEnd(topic, record -> jobId.toString().equals(jobIdOf(record.value())));
    }

    /** Waits until the worker acknowledged {@code record}: its processing is over and all it published is out. */
    protected void awaitProcessed(RecordMetadata record) {
        kafka.awaitCommittedPast(WORKER_GROUP, record);
    }

    private String jobIdOf(String value) {
        try {
            return json.readTree(value).path("jobId").asText(null);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** Keys of every object stored for {@code userId}. */
    protected List<String> objectsOf(UUID userId) {
        return s3.listObjectsV2Paginator(request -> request.bucket(config.storage().bucket())
                .prefix("users/" + userId + "/")).contents().stream().map(S3Object::key).sorted().toList();
    }

    protected ResponseBytes<GetObjectResponse> object(String key) {
        return s3.getObjectAsBytes(request -> request.bucket(config.storage().bucket()).key(key));
    }

    protected static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
