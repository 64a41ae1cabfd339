package dev.atelier.gallery.service;

import static dev.atelier.gallery.GalleryFixtures.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.atelier.events.GeneratedImage;
import dev.atelier.events.GenerationCompleted;
import dev.atelier.events.ImageDeleted;
import dev.atelier.events.Topics;
import dev.atelier.gallery.GalleryFixtures;
import dev.atelier.gallery.LifecycleFixtures;
import dev.atelier.gallery.config.TrashConfig;
import dev.atelier.testinfra.RealInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = RealInfraResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealInfraResource.DATABASE, value = "gallery"))
class TrashPurgeTest {
    @Inject
    GalleryFixtures gallery;
    @Inject
    LifecycleFixtures lifecycle;
    @Inject
    TrashPurger purger;
    @Inject
    TrashConfig trash;

    @Test
    void imagesTrashedLongerThanTheRetentionArePurgedWithTheirObjectsAndAnnounced() {
        UUID owner = UUID.randomUUID();
        GenerationCompleted job = gallery.publishAndAwait(gallery.completedJob(owner, "Old", "old", 4));
        GeneratedImage expired = job.images().get(0);
        GeneratedImage alsoExpired = job.images().get(1);
        GeneratedImage recentlyTrashed = job.images().get(2);
        GeneratedImage live = job.images().get(3);
        for (GeneratedImage image : List.of(expired, alsoExpired, recentlyTrashed)) {
            given().auth().oauth2(token(owner)).when().delete("/api/v1/images/{id}", image.imageId())
                    .then().statusCode(204);
        }
        // Trashed just over the retention ago, and just within it.
        backdate(expired, trash.retention().plusMinutes(2));
        backdate(alsoExpired, trash.retention().plusMinutes(1));
        backdate(recentlyTrashed, trash.retention().minusMinutes(1));

        purger.purge();

        for (GeneratedImage image : List.of(expired, alsoExpired)) {
            assertFalse(lifecycle.rowExists(image.imageId()), "purged row " + image.imageId());
            image.keys().values().forEach(key -> assertFalse(lifecycle.objectExists(key), key + " is gone"));
        }
        for (GeneratedImage image : List.of(recentlyTrashed, live)) {
            assertTrue(lifecycle.rowExists(image.imageId()));
            image.keys().values().forEach(key -> assertTrue(lifecycle.objectExists(key), key + " is kept"));
        }
        given().auth().oauth2(token(owner)).when().get("/api/v1/trash")
                .then().statusCode(200).body("items.id", contains(recentlyTrashed.imageId().toString()));
        given().auth().oauth2(token(owner)).when().get("/api/v1/images")
                .then().statusCode(200).body("items.id", contains(live.imageId().toString()));

        // Longest in the trash first.
        List<ConsumerRecord<String, String>> deleted = lifecycle.records(Topics.IMAGE_DELETED, owner, 2);
        assertEquals(List.of(expired.imageId().toString(), alsoExpired.imageId().toString()),
                deleted.stream().map(record -> lifecycle.read(record).get("imageId").asText()).toList());
        JsonNode event = lifecycle.read(deleted.get(0));
        assertEquals(ImageDeleted.REASON_TRASH_EXPIRED, event.get("reason").asText());
        assertEquals(expired.bytes(), event.get("bytes").asLong());
    }

    @Test
    void anImageWhoseRetentionIsOverCanNoLongerBeRestored() {
        UUID owner = UUID.randomUUID();
        GeneratedImage image = gallery.publishAndAwait(gallery.completedJob(owner, "Late", "late", 1)).images().get(0);
        given().auth().oauth2(token(owner)).when().delete("/api/v1/images/{id}", image.imageId())
                .then().statusCode(204);
        backdate(image, trash.retention().plusMinutes(1));

        // Waiting for the purge, it is already out of the trash.
        given().auth().oauth2(token(owner)).when().post("/api/v1/images/{id}/restore", image.imageId())
                .then().statusCode(404);
        given().auth().oauth2(token(owner)).when().get("/api/v1/trash")
                .then().statusCode(200).body("items", empty());
    }

    @Test
    void purgingWhenNothingExpiredChangesNothing() {
        UUID owner = UUID.randomUUID();
        GeneratedImage image = gallery.publishAndAwait(gallery.completedJob(owner, "Fresh", "fresh", 1))
                .images().get(0);
        given().auth().oauth2(token(owner)).when().delete("/api/v1/images/{id}", image.imageId())
                .then().statusCode(204);

        purger.purge();

        assertTrue(lifecycle.rowExists(image.imageId()));
        image.keys().values().forEach(key -> assertTrue(lifecycle.objectExists(key), key));
    }

    private void backdate(GeneratedImage image, Duration ago) {
        OffsetDateTime deletedAt = Instant.now().minus(ago).atOffset(ZoneOffset.UTC);
        assertEquals(1, lifecycle.update("update images set deleted_at = ? where id = ?", deletedAt,
                image.imageId()));
    }
}
