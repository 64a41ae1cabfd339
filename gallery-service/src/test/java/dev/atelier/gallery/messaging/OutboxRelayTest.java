package dev.atelier.gallery.messaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.atelier.events.EventMessages;
import dev.atelier.events.ImageDeleted;
import dev.atelier.events.Topics;
import dev.atelier.gallery.GalleryFixtures;
import dev.atelier.gallery.LifecycleFixtures;
import dev.atelier.testinfra.RealInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = RealInfraResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealInfraResource.DATABASE, value = "gallery"))
class OutboxRelayTest {
    @Inject
    LifecycleFixtures lifecycle;

    @Test
    void aRowCommittedWithoutANotificationIsPublishedByTheSweepAndMarkedPublished() {
        // As if the service crashed right after the commit, or the notification was lost: nobody kicked the relay.
        UUID user = UUID.randomUUID();
        UUID imageId = UUID.randomUUID();
        ImageDeleted event = new ImageDeleted(UUID.randomUUID(), ImageDeleted.VERSION, Instant.now(), user, imageId,
                "minimal", 1234, ImageDeleted.REASON_PERMANENT);
        lifecycle.update("insert into outbox (aggregate_id, topic, message_key, event_type, payload)"
                + " values (?, ?, ?, ?, cast(? as jsonb))",
                imageId, Topics.IMAGE_DELETED, user.toString(), event.eventType(), lifecycle.toJson(event));

        ConsumerRecord<String, String> record = lifecycle.records(Topics.IMAGE_DELETED, user, 1).get(0);
        assertEquals(user.toString(), record.key());
        assertEquals(Topics.IMAGE_DELETED, LifecycleFixtures.header(record, EventMessages.EVENT_TYPE_HEADER));
        JsonNode published = lifecycle.read(record);
        assertEquals(event.eventId().toString(), published.get("eventId").asText());
        assertEquals(imageId.toString(), published.get("imageId").asText());
        assertEquals(1234, published.get("bytes").asLong());

        await().atMost(GalleryFixtures.PROCESSING).until(() -> lifecycle.count(
                "select count(*) from outbox where aggregate_id = ? and published_at is not null", imageId) == 1);
    }
}
