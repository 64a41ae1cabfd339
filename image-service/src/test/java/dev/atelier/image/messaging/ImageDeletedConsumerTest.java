package dev.atelier.image.messaging;

import static dev.atelier.image.Fixtures.PATIENCE;
import static dev.atelier.image.Fixtures.count;
import static dev.atelier.image.Fixtures.header;
import static dev.atelier.image.Fixtures.produce;
import static dev.atelier.image.Fixtures.produceRaw;
import static dev.atelier.image.Fixtures.recordsOf;
import static dev.atelier.image.ReuseFixtures.deleteImage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Instant;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import dev.atelier.events.ImageDeleted;
import dev.atelier.events.Topics;
import dev.atelier.image.KafkaAndDatabaseTest;
import dev.atelier.testinfra.RealInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;

/** gallery-service's image.deleted is recorded once per event, so the cache and regenerate forget the image. */
@QuarkusTest
@QuarkusTestResource(value = RealInfraResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealInfraResource.DATABASE, value = "image"))
class ImageDeletedConsumerTest extends KafkaAndDatabaseTest {

    @Test
    void aDeletedImageIsRecordedWithItsEvent() {
        UUID user = UUID.randomUUID();
        UUID image = UUID.randomUUID();
        deleteImage(kafka, mapper, db, user, image);
        assertEquals(1, count(db, "select count(*) from deleted_images where image_id = ? and user_id = ?", image,
                user));
    }

    @Test
    void aRedeliveredEventIdIsIgnoredEvenIfItsBodyDiffers() {
        UUID user = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        UUID image = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        produce(kafka, mapper, Topics.IMAGE_DELETED, deleted(eventId, user, image));
        produce(kafka, mapper, Topics.IMAGE_DELETED, deleted(eventId, user, other));
        // One user's records stay in order on the topic: once a later one is applied, the redelivery was seen.
        deleteImage(kafka, mapper, db, user, UUID.randomUUID());

        assertEquals(1, count(db, "select count(*) from deleted_images where image_id = ?", image));
        assertEquals(0, count(db, "select count(*) from deleted_images where image_id = ?", other));
        assertEquals(1, count(db, "select count(*) from processed_events where event_id = ?", eventId));
    }

    @Test
    void anUnreadableRecordGoesToTheDeadLetterTopicAndLaterEventsStillApply() {
        UUID user = UUID.randomUUID();
        produceRaw(kafka, Topics.IMAGE_DELETED, user, Topics.IMAGE_DELETED, "{not json");

        ConsumerTask<String, String> dead = recordsOf(kafka, Topics.dlq(Topics.IMAGE_DELETED), user)
                .awaitRecords(1, PATIENCE);
        ConsumerRecord<String, String> record = dead.getFirstRecord();
        dead.close();
        assertEquals("{not json", record.value());
        assertNotNull(header(record, "dead-letter-reason"));

        deleteImage(kafka, mapper, db, user, UUID.randomUUID());
    }

    @Test
    void anEventWithoutAnImageIdGoesToTheDeadLetterTopic() {
        UUID user = UUID.randomUUID();
        produce(kafka, mapper, Topics.IMAGE_DELETED, deleted(UUID.randomUUID(), user, null));
        recordsOf(kafka, Topics.dlq(Topics.IMAGE_DELETED), user).awaitRecords(1, PATIENCE).close();
    }

    private static ImageDeleted deleted(UUID eventId, UUID user, UUID image) {
        return new ImageDeleted(eventId, ImageDeleted.VERSION, Instant.now(), user, image, "minimal", 2048,
                ImageDeleted.REASON_PERMANENT);
    }
}
