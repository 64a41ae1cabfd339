package dev.atelier.gallery.messaging;

import static dev.atelier.gallery.GalleryFixtures.token;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import dev.atelier.events.GenerationCompleted;
import dev.atelier.events.StorageKeys;
import dev.atelier.events.Topics;
import dev.atelier.events.UserDeleted;
import dev.atelier.gallery.GalleryFixtures;
import dev.atelier.gallery.LifecycleFixtures;
import dev.atelier.testinfra.RealInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = RealInfraResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealInfraResource.DATABASE, value = "gallery"))
class UserDeletedConsumerTest {
    @Inject
    GalleryFixtures gallery;
    @Inject
    LifecycleFixtures lifecycle;

    @Test
    void deletedUserLosesEveryRowAndObjectAndNobodyElseLosesAnything() {
        UUID leaving = UUID.randomUUID();
        UUID staying = UUID.randomUUID();
        GenerationCompleted first = gallery.publishAndAwait(gallery.completedJob(leaving, "One", "one", 2));
        gallery.publishAndAwait(gallery.completedJob(leaving, "Two", "two", 1));
        GenerationCompleted others = gallery.publishAndAwait(gallery.completedJob(staying, "Theirs", "theirs", 2));
        given().auth().oauth2(token(leaving)).when().delete("/api/v1/images/{id}", first.images().get(0).imageId())
                .then().statusCode(204);
        // An object with no row at all (a generation whose completion never arrived) goes too.
        String stray = StorageKeys.image(leaving, UUID.randomUUID(), StorageKeys.ORIGINAL, "png");
        lifecycle.putObject(stray, new byte[] { 1, 2, 3 });
        assertEquals(3, lifecycle.rowsOf(leaving));
        assertEquals(7, lifecycle.keysUnder(StorageKeys.userPrefix(leaving)).size());

        UserDeleted deleted = userDeleted(leaving);
        lifecycle.publish(Topics.USER_DELETED, deleted);
        await().atMost(GalleryFixtures.PROCESSING).until(() -> lifecycle.processed(deleted.eventId()));

        assertEquals(0, lifecycle.rowsOf(leaving), "live and trashed rows are gone");
        assertEquals(List.of(), lifecycle.keysUnder(StorageKeys.userPrefix(leaving)));
        assertEquals(2, lifecycle.rowsOf(staying));
        others.images().forEach(image -> image.keys().values()
                .forEach(key -> assertTrue(lifecycle.objectExists(key), key)));
        given().auth().oauth2(token(staying)).when().get("/api/v1/images")
                .then().statusCode(200).body("items", hasSize(2));
        assertEquals(0, lifecycle.count("select count(*) from outbox where message_key = ? and topic = ?",
                leaving.toString(), Topics.IMAGE_DELETED), "no image.deleted per image: user.deleted says it all");
    }

    @Test
    void redeliveredUserDeletedIsHarmless() {
        UUID leaving = UUID.randomUUID();
        gallery.publishAndAwait(gallery.completedJob(leaving, "Once", "once", 1));
        UserDeleted deleted = userDeleted(leaving);
        lifecycle.publish(Topics.USER_DELETED, deleted);
        lifecycle.publish(Topics.USER_DELETED, deleted);
        // Records of one key are consumed in order: once the marker is processed, so is the duplicate.
        UserDeleted marker = userDeleted(leaving);
        lifecycle.publish(Topics.USER_DELETED, marker);
        await().atMost(GalleryFixtures.PROCESSING).until(() -> lifecycle.processed(marker.eventId()));

        assertTrue(lifecycle.processed(deleted.eventId()));
        assertEquals(0, lifecycle.rowsOf(leaving));
        assertEquals(List.of(), lifecycle.keysUnder(StorageKeys.userPrefix(leaving)));
        assertFalse(deadLettered(deleted.eventId()), "a redelivery is not a failure");
    }

    @Test
    void generationCompletingAfterTheAccountIsDeletedStoresNothingAndDiscardsItsObjects() {
        UUID leaving = UUID.randomUUID();
        UserDeleted deleted = userDeleted(leaving);
        lifecycle.publish(Topics.USER_DELETED, deleted);
        await().atMost(GalleryFixtures.PROCESSING).until(() -> lifecycle.processed(deleted.eventId()));

        GenerationCompleted late = gallery.completedJob(leaving, "Late", "too late", 2);
        assertEquals(4, lifecycle.keysUnder(StorageKeys.userPrefix(leaving)).size());
        gallery.publish(late);
        await().atMost(GalleryFixtures.PROCESSING).until(() -> lifecycle.processed(late.eventId()));
        await().atMost(GalleryFixtures.PROCESSING)
                .until(() -> lifecycle.keysUnder(StorageKeys.userPrefix(leaving)).isEmpty());

        assertEquals(0, lifecycle.rowsOf(leaving));
        assertFalse(gallery.deadLettered(late.eventId()));
    }

    @Test
    void userDeletedWithoutAUserIdGoesToTheDeadLetterTopic() {
        UUID key = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        String value = "{\"eventId\":\"" + eventId + "\",\"version\":1,\"occurredAt\":\"" + Instant.now() + "\"}";
        gallery.kafka().produceStrings()
                .fromRecords(new ProducerRecord<>(Topics.USER_DELETED, key.toString(), value))
                .awaitCompletion(GalleryFixtures.PROCESSING);

        await().atMost(GalleryFixtures.PROCESSING).until(() -> deadLettered(eventId));
        assertFalse(lifecycle.processed(eventId));
    }

    private boolean deadLettered(UUID eventId) {
        return lifecycle.deadLettered(Topics.USER_DELETED, eventId);
    }

    private static UserDeleted userDeleted(UUID userId) {
        return new UserDeleted(UUID.randomUUID(), UserDeleted.VERSION, Instant.now(), userId);
    }
}
