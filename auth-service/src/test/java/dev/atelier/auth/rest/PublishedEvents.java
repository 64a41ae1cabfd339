package dev.atelier.auth.rest;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.vertx.core.json.JsonObject;

/** Reads what auth-service published to the real broker, as any other service would. */
final class PublishedEvents {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private PublishedEvents() {
    }

    /** The event keyed {@code userId} on {@code topic}, waiting for it; fails when none comes. */
    static Published await(String bootstrapServers, String topic, UUID userId) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "auth-test-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plus(PATIENCE);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (userId.toString().equals(record.key())) {
                        var type = record.headers().lastHeader("event-type");
                        return new Published(type == null ? null : new String(type.value(), StandardCharsets.UTF_8),
                                new JsonObject(record.value()));
                    }
                }
            }
        }
        return fail("No event for " + userId + " on " + topic + " within " + PATIENCE);
    }

    record Published(String eventType, JsonObject body) {
    }
}
