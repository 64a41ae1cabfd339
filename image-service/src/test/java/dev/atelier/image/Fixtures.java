package dev.atelier.image;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.atelier.events.Event;
import dev.atelier.events.EventMessages;
import dev.atelier.testinfra.TestJwt;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/** What the image-service tests share: authenticated requests, rows in the database, records on topics. */
public final class Fixtures {
    public static final Duration PATIENCE = Duration.ofSeconds(45);
    public static final String BASE = "/api/v1/generations";

    private Fixtures() {
    }

    public static RequestSpecification as(UUID user) {
        return given().auth().oauth2(TestJwt.forUser(user)).contentType(ContentType.JSON);
    }

    /** Submits a valid request and returns the job id. */
    public static UUID submit(UUID user, String body) {
        String id = as(user).body(body).post(BASE).then().statusCode(202).extract().path("id");
        return UUID.fromString(id);
    }

    public static long count(DataSource db, String sql, Object... args) {
        try (Connection connection = db.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void update(DataSource db, String sql, Object... args) {
        try (Connection connection = db.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static long jobsOf(DataSource db, UUID user) {
        return count(db, "select count(*) from generation_jobs where user_id = ?", user);
    }

    /** The user's jobs sent to the worker: outbox rows of {@code generation.requested} (credit events not counted). */
    public static long outboxRowsOf(DataSource db, UUID user) {
        return count(db, "select count(*) from outbox where message_key = ? and topic = 'generation.requested'",
                user.toString());
    }

    /** Publishes an event the way the worker does: JSON body, key = user id, header {@code event-type}. */
    public static void produce(KafkaCompanion kafka, ObjectMapper mapper, String topic, Event event) {
        produceRaw(kafka, topic, event.userId(), event.eventType(), json(mapper, event));
    }

    public static void produceRaw(KafkaCompanion kafka, String topic, UUID key, String eventType, String value) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(EventMessages.EVENT_TYPE_HEADER, eventType.getBytes(StandardCharsets.UTF_8));
        kafka.produceStrings()
                .fromRecords(new ProducerRecord<>(topic, null, key.toString(), value, headers))
                .awaitCompletion(PATIENCE);
    }

    /** Every record of the topic keyed by that user, from the beginning. */
    public static ConsumerTask<String, String> recordsOf(KafkaCompanion kafka, String topic, UUID user) {
        return kafka.consumeStrings()
                .withGroupId("test-" + UUID.randomUUID())
                .withOffsetReset(OffsetResetStrategy.EARLIEST)
                .fromTopics(topic, records -> records.filter(r -> user.toString().equals(r.key())));
    }

    public static String header(ConsumerRecord<String, String> record, String name) {
        return KafkaCompanion.getHeader(record.headers(), name);
    }

    public static String json(ObjectMapper mapper, Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
