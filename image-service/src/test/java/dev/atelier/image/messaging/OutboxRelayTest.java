package dev.atelier.image.messaging;

import static dev.atelier.image.Fixtures.PATIENCE;
import static dev.atelier.image.Fixtures.count;
import static dev.atelier.image.Fixtures.header;
import static dev.atelier.image.Fixtures.json;
import static dev.atelier.image.Fixtures.recordsOf;
import static dev.atelier.image.Fixtures.submit;
import static dev.atelier.image.Fixtures.update;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;


import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.atelier.events.EventMessages;
import dev.atelier.events.GenerationRequested;
import dev.atelier.events.Topics;
import dev.atelier.image.KafkaAndDatabaseTest;
import dev.atelier.testinfra.RealInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;

@QuarkusTest
@QuarkusTestResource(value = RealInfraResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealInfraResource.DATABASE, value = "image"))
class OutboxRelayTest extends KafkaAndDatabaseTest {

    @Test
    void aRowCommittedWithoutAKickIsPublishedByTheSweep() throws Exception {
        // As if the service crashed right after the submit's commit: a row nobody kicked the relay for.
        UUID user = UUID.randomUUID();
        UUID job = UUID.randomUUID();
        GenerationRequested event = new GenerationRequested(UUID.randomUUID(), GenerationRequested.VERSION,
                Instant.now(), user, job, "an orphaned request", "minimal", "512x512", 1, null, null, 99, "local", 1,
                Map.of());
        update(db, "insert into outbox (aggregate_id, topic, message_key, event_type, payload)"
                + " values (?, ?, ?, ?, cast(? as jsonb))",
                job, Topics.GENERATION_REQUESTED, user.toString(), event.eventType(), json(mapper, event));

        ConsumerTask<String, String> records = recordsOf(kafka, Topics.GENERATION_REQUESTED, user)
                .awaitRecords(1, PATIENCE);
        ConsumerRecord<String, String> record = records.getFirstRecord();
        records.close();
        assertEquals(user.toString(), record.key());
        assertEquals(Topics.GENERATION_REQUESTED, header(record, EventMessages.EVENT_TYPE_HEADER));
        JsonNode published = mapper.readTree(record.value());
        assertEquals(job.toString(), published.get("jobId").asText());
        assertEquals(event.eventId().toString(), published.get("eventId").asText());
        assertEquals(99, published.get("seed").asLong());

        await().atMost(PATIENCE).until(() -> count(db,
                "select count(*) from outbox where aggregate_id = ? and published_at is not null", job) == 1);
    }

    @Test
    void aSubmittedJobsRowIsMarkedPublishedOnceTheBrokerHasIt() {
        UUID user = UUID.randomUUID();
        UUID job = submit(user, "{\"prompt\":\"a boat\",\"style\":\"vibrant\"}");
        recordsOf(kafka, Topics.GENERATION_REQUESTED, user).awaitRecords(1, PATIENCE).close();
        await().atMost(PATIENCE).until(() -> count(db,
                "select count(*) from outbox where aggregate_id = ? and published_at is not null", job) == 1);
    }
}
