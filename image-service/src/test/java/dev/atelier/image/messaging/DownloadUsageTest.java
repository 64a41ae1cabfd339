package dev.atelier.image.messaging;

import static dev.atelier.image.Credits.USAGE;
import static dev.atelier.image.Credits.assertAccount;
import static dev.atelier.image.Fixtures.PATIENCE;
import static dev.atelier.image.Fixtures.as;
import static dev.atelier.image.Fixtures.count;
import static dev.atelier.image.Fixtures.header;
import static dev.atelier.image.Fixtures.produce;
import static dev.atelier.image.Fixtures.produceRaw;
import static dev.atelier.image.Fixtures.recordsOf;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Instant;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import dev.atelier.events.ImageDownloaded;
import dev.atelier.events.StorageKeys;
import dev.atelier.events.Topics;
import dev.atelier.image.KafkaAndDatabaseTest;
import dev.atelier.testinfra.RealInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;

/** gallery-service's image.downloaded becomes a download row of the usage log (free by default). */
@QuarkusTest
@QuarkusTestResource(value = RealInfraResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealInfraResource.DATABASE, value = "image"))
class DownloadUsageTest extends KafkaAndDatabaseTest {

    @Test
    void aDownloadIsAFreeRowOfTheUsageLog() {
        UUID user = UUID.randomUUID();
        UUID image = UUID.randomUUID();
        ImageDownloaded event = downloaded(user, image);
        produce(kafka, mapper, Topics.IMAGE_DOWNLOADED, event);
        awaitProcessed(event);

        as(user).get(USAGE).then()
                .statusCode(200)
                .body("items.kind", contains("download", "grant"))
                .body("items[0].imageId", equalTo(image.toString()))
                .body("items[0].amount", equalTo(0))
                .body("items[0].balance", equalTo(10));
        assertAccount(user, 10, 0, 0);
    }

    @Test
    void theSameDownloadEventTwiceIsLoggedOnce() {
        UUID user = UUID.randomUUID();
        ImageDownloaded event = downloaded(user, UUID.randomUUID());
        produce(kafka, mapper, Topics.IMAGE_DOWNLOADED, event);
        produce(kafka, mapper, Topics.IMAGE_DOWNLOADED, event);
        // Same key, same partition: once a later event is applied, the redelivery before it was too.
        ImageDownloaded marker = downloaded(user, UUID.randomUUID());
        produce(kafka, mapper, Topics.IMAGE_DOWNLOADED, marker);
        awaitProcessed(marker);

        assertEquals(1, count(db, "select count(*) from usage_logs where image_id = ?", event.imageId()));
    }

    @Test
    void anUnreadableDownloadGoesToTheDeadLetterTopicAndLaterOnesStillApply() {
        UUID user = UUID.randomUUID();
        produceRaw(kafka, Topics.IMAGE_DOWNLOADED, user, Topics.IMAGE_DOWNLOADED, "{not json");

        ConsumerTask<String, String> dead = recordsOf(kafka, Topics.dlq(Topics.IMAGE_DOWNLOADED), user)
                .awaitRecords(1, PATIENCE);
        ConsumerRecord<String, String> record = dead.getFirstRecord();
        dead.close();
        assertEquals("{not json", record.value());
        assertNotNull(header(record, "dead-letter-reason"));

        ImageDownloaded event = downloaded(user, UUID.randomUUID());
        produce(kafka, mapper, Topics.IMAGE_DOWNLOADED, event);
        awaitProcessed(event);
    }

    private void awaitProcessed(ImageDownloaded event) {
        await().atMost(PATIENCE).until(() -> count(db,
                "select count(*) from processed_events where event_id = ?", event.eventId()) == 1);
    }

    private static ImageDownloaded downloaded(UUID user, UUID image) {
        return new ImageDownloaded(UUID.randomUUID(), ImageDownloaded.VERSION, Instant.now(), user, image,
                StorageKeys.ORIGINAL);
    }
}
