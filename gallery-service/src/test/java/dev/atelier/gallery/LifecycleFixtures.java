package dev.atelier.gallery;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.atelier.events.Event;
import dev.atelier.events.EventMessages;
import dev.atelier.events.Topics;
import dev.atelier.gallery.config.GalleryConfig;
import io.agroal.api.AgroalDataSource;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * What the lifecycle tests need besides {@link GalleryFixtures}: rows read and changed with plain SQL, objects
 * looked up in the real bucket, events read from and written to the real broker.
 */
@ApplicationScoped
public class LifecycleFixtures {
    private final AgroalDataSource db;
    private final S3Client s3;
    private final ObjectMapper json;
    private final GalleryConfig config;
    private final GalleryFixtures gallery;

    public LifecycleFixtures(AgroalDataSource db, S3Client s3, ObjectMapper json, GalleryConfig config,
            GalleryFixtures gallery) {
        this.db = db;
        this.s3 = s3;
        this.json = json;
        this.config = config;
        this.gallery = gallery;
    }

    public long count(String sql, Object... args) {
        try (Connection connection = db.getConnection();
                PreparedStatement statement = prepare(connection, sql, args);
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public int update(String sql, Object... args) {
        try (Connection connection = db.getConnection();
                PreparedStatement statement = prepare(connection, sql, args)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rows of the user, live and trashed. */
    public long rowsOf(UUID userId) {
        return count("select count(*) from images where user_id = ?", userId);
    }

    public boolean rowExists(UUID imageId) {
        return count("select count(*) from images where id = ?", imageId) > 0;
    }

    public boolean processed(UUID eventId) {
        return count("select count(*) from processed_events where event_id = ?", eventId) > 0;
    }

    public boolean objectExists(String key) {
        try {
            s3.headObject(request -> request.bucket(config.bucket()).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        }
    }

    public void putObject(String key, byte[] bytes) {
        s3.putObject(request -> request.bucket(config.bucket()).key(key), RequestBody.fromBytes(bytes));
    }

    public void deleteObject(String key) {
        s3.deleteObject(request -> request.bucket(config.bucket()).key(key));
    }

    public List<String> keysUnder(String prefix) {
        return s3.listObjectsV2Paginator(request -> request.bucket(config.bucket()).prefix(prefix)).contents()
                .stream().map(S3Object::key).toList();
    }

    /** The first {@code count} records of {@code topic} keyed by the user, from the beginning of the topic. */
    public List<ConsumerRecord<String, String>> records(String topic, UUID userId, int count) {
        try (ConsumerTask<String, String> task = gallery.kafka().consumeStrings()
                .withGroupId("gallery-test-" + UUID.randomUUID())
                .withOffsetReset(OffsetResetStrategy.EARLIEST)
                .fromTopics(topic, records -> records.select().where(record -> userId.toString().equals(record.key()))
                        .select().first(count))) {
            return task.awaitCompletion(GalleryFixtures.PROCESSING).getRecords();
        }
    }

    /** Publishes an event as its producer would: key = user id, header {@code event-type}, JSON value. */
    public void publish(String topic, Event event) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(EventMessages.EVENT_TYPE_HEADER, event.eventType().getBytes(StandardCharsets.UTF_8));
        gallery.kafka().produceStrings()
                .fromRecords(new ProducerRecord<>(topic, null, event.userId().toString(), toJson(event), headers))
                .awaitCompletion(GalleryFixtures.PROCESSING);
    }

    public JsonNode read(ConsumerRecord<String, String> record) {
        try {
            return json.readTree(record.value());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the dead-letter topic of {@code topic} holds a record carrying {@code eventId}. */
    public boolean deadLettered(String topic, UUID eventId) {
        String dlq = Topics.dlq(topic);
        KafkaCompanion kafka = gallery.kafka();
        if (!kafka.topics().list().contains(dlq)) {
            return false;
        }
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        kafka.topics().describe(dlq).get(dlq).partitions()
                .forEach(partition -> latest.put(new TopicPartition(dlq, partition.partition()), OffsetSpec.latest()));
        long total = kafka.offsets().list(latest).values().stream().mapToLong(ListOffsetsResultInfo::offset).sum();
        if (total == 0) {
            return false;
        }
        return kafka.consumeStrings()
                .withGroupId("gallery-test-" + UUID.randomUUID())
                .withOffsetReset(OffsetResetStrategy.EARLIEST)
                .fromTopics(dlq, total)
                .awaitCompletion(GalleryFixtures.PROCESSING)
                .getRecords().stream()
                .anyMatch(record -> record.value() != null && record.value().contains(eventId.toString()));
    }

    public static String header(ConsumerRecord<String, String> record, String name) {
        return KafkaCompanion.getHeader(record.headers(), name);
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... args) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            statement.setObject(i + 1, args[i]);
        }
        return statement;
    }
}
