package dev.atelier.gallery.rest;

import static dev.atelier.gallery.GalleryFixtures.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.atelier.events.EventMessages;
import dev.atelier.events.GeneratedImage;
import dev.atelier.events.GenerationCompleted;
import dev.atelier.events.ImageDeleted;
import dev.atelier.events.Topics;
import dev.atelier.gallery.GalleryFixtures;
import dev.atelier.gallery.LifecycleFixtures;
import dev.atelier.problem.Problem;
import dev.atelier.testinfra.RealInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@QuarkusTestResource(value = RealInfraResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealInfraResource.DATABASE, value = "gallery"))
class TrashTest {
    @Inject
    GalleryFixtures gallery;
    @Inject
    LifecycleFixtures lifecycle;

    @Test
    void trashedImageLeavesTheListTheDetailAndTheContentAndAppearsInTheTrash() {
        UUID owner = UUID.randomUUID();
        GenerationCompleted job = gallery.publishAndAwait(gallery.completedJob(owner, "Dune", "a dune", 2));
        UUID trashed = job.images().get(0).imageId();
        UUID kept = job.images().get(1).imageId();

        given().auth().oauth2(token(owner)).when().delete("/api/v1/images/{id}", trashed)
                .then().statusCode(204);

        given().auth().oauth2(token(owner)).when().get("/api/v1/images")
                .then().statusCode(200).body("items.id", contains(kept.toString()));
        given().auth().oauth2(token(owner)).when().get("/api/v1/images/{id}", trashed)
                .then().statusCode(404).contentType(Problem.MEDIA_TYPE);
        given().auth().oauth2(token(owner)).redirects().follow(false)
                .when().get("/api/v1/images/{id}/content?variant=thumb", trashed)
                .then().statusCode(404).contentType(Problem.MEDIA_TYPE).header("Location", nullValue());
        JsonPath trash = given().auth().oauth2(token(owner)).when().get("/api/v1/trash")
                .then().statusCode(200)
                .body("items.id", contains(trashed.toString()))
                .body("items[0].name", equalTo("Dune"))
                .body("nextCursor", nullValue())
                .extract().jsonPath();
        Instant deletedAt = Instant.parse(trash.getString("items[0].deletedAt"));
        Instant purgeAt = Instant.parse(trash.getString("items[0].purgeAt"));
        assertEquals(Duration.ofDays(30), Duration.between(deletedAt, purgeAt), "the default retention is 30 days");
        // Still in storage: the trash can be undone.
        job.images().get(0).keys().values().forEach(key -> assertTrue(lifecycle.objectExists(key), key));
    }

    @Test
    void trashingTwiceIsHarmlessAndKeepsTheFirstDeletionTime() {
        UUID owner = UUID.randomUUID();
        UUID imageId = gallery.publishAndAwait(gallery.completedJob(owner, "Twice", "twice", 1))
                .images().get(0).imageId();

        given().auth().oauth2(token(owner)).when().delete("/api/v1/images/{id}", imageId).then().statusCode(204);
        String first = given().auth().oauth2(token(owner)).when().get("/api/v1/trash")
                .then().statusCode(200).extract().path("items[0].deletedAt");
        given().auth().oauth2(token(owner)).queryParam("permanent", "false")
                .when().delete("/api/v1/images/{id}", imageId).then().statusCode(204);

        given().auth().oauth2(token(owner)).when().get("/api/v1/trash")
                .then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].deletedAt", equalTo(first));
    }

    @Test
    void restoredImageIsBackInTheGalleryAndOutOfTheTrash() {
        UUID owner = UUID.randomUUID();
        UUID imageId = gallery.publishAndAwait(gallery.completedJob(owner, "Back", "back again", 1))
                .images().get(0).imageId();
        given().auth().oauth2(token(owner)).when().delete("/api/v1/images/{id}", imageId).then().statusCode(204);

        given().auth().oauth2(token(owner)).when().post("/api/v1/images/{id}/restore", imageId)
                .then().statusCode(200)
                .body("id", equalTo(imageId.toString()))
                .body("name", equalTo("Back"))
                .body("variants.original", equalTo("/api/v1/images/" + imageId + "/content?variant=original"));

        given().auth().oauth2(token(owner)).when().get("/api/v1/images")
                .then().statusCode(200).body("items.id", contains(imageId.toString()));
        given().auth().oauth2(token(owner)).when().get("/api/v1/trash")
                .then().statusCode(200).body("items", empty());
        given().auth().oauth2(token(owner)).redirects().follow(false)
                .when().get("/api/v1/images/{id}/content", imageId)
                .then().statusCode(302);
    }

    @Test
    void restoringAnImageThatIsNotInTheTrashIsNotFound() {
        UUID owner = UUID.randomUUID();
        UUID live = gallery.publishAndAwait(gallery.completedJob(owner, "Live", "live", 1)).images().get(0).imageId();

        given().auth().oauth2(token(owner)).when().post("/api/v1/images/{id}/restore", live)
                .then().statusCode(404).contentType(Problem.MEDIA_TYPE);
        given().auth().oauth2(token(owner)).when().post("/api/v1/images/{id}/restore", UUID.randomUUID())
                .then().statusCode(404).contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void trashListsTheMostRecentlyDeletedFirstAndPagesWithItsCursor() {
        UUID owner = UUID.randomUUID();
        GenerationCompleted job = gallery.publishAndAwait(gallery.completedJob(owner, "Pile", "a pile", 3));
        List<UUID> ids = job.images().stream().map(GeneratedImage::imageId).toList();
        // Deleted in the order 1, 0, 2: the trash shows 2, 0, 1.
        for (int index : new int[] { 1, 0, 2 }) {
            given().auth().oauth2(token(owner)).when().delete("/api/v1/images/{id}", ids.get(index))
                    .then().statusCode(204);
        }

        JsonPath first = given().auth().oauth2(token(owner)).queryParam("limit", 2)
                .when().get("/api/v1/trash").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(ids.get(2).toString(), ids.get(0).toString()), first.getList("items.id"));
        assertNotNull(first.getString("nextCursor"));

        given().auth().oauth2(token(owner)).queryParam("limit", 2).queryParam("cursor", first.getString("nextCursor"))
                .when().get("/api/v1/trash")
                .then().statusCode(200)
                .body("items.id", contains(ids.get(1).toString()))
                .body("nextCursor", nullValue());
    }

    @Test
    void permanentDeleteRemovesTheRowAndEveryObjectAndAnnouncesIt() {
        UUID owner = UUID.randomUUID();
        GenerationCompleted job = gallery.publishAndAwait(gallery.completedJob(owner, "Gone", "gone", 2));
        GeneratedImage live = job.images().get(0);
        GeneratedImage trashed = job.images().get(1);
        given().auth().oauth2(token(owner)).when().delete("/api/v1/images/{id}", trashed.imageId())
                .then().statusCode(204);

        // A live image and a trashed one can both be deleted for good.
        for (GeneratedImage image : List.of(live, trashed)) {
            given().auth().oauth2(token(owner)).queryParam("permanent", "true")
                    .when().delete("/api/v1/images/{id}", image.imageId())
                    .then().statusCode(204);
            assertFalse(lifecycle.rowExists(image.imageId()));
            image.keys().values().forEach(key -> assertFalse(lifecycle.objectExists(key), key + " is gone"));
        }

        given().auth().oauth2(token(owner)).when().get("/api/v1/images").then().statusCode(200).body("items", empty());
        given().auth().oauth2(token(owner)).when().get("/api/v1/trash").then().statusCode(200).body("items", empty());
        given().auth().oauth2(token(owner)).when().post("/api/v1/images/{id}/restore", trashed.imageId())
                .then().statusCode(404);
        given().auth().oauth2(token(owner)).queryParam("permanent", "true")
                .when().delete("/api/v1/images/{id}", live.imageId())
                .then().statusCode(404).contentType(Problem.MEDIA_TYPE);

        List<ConsumerRecord<String, String>> deleted = lifecycle.records(Topics.IMAGE_DELETED, owner, 2);
        assertEquals(List.of(live.imageId().toString(), trashed.imageId().toString()),
                deleted.stream().map(record -> lifecycle.read(record).get("imageId").asText()).toList());
        ConsumerRecord<String, String> record = deleted.get(0);
        assertEquals(owner.toString(), record.key());
        assertEquals(Topics.IMAGE_DELETED, LifecycleFixtures.header(record, EventMessages.EVENT_TYPE_HEADER));
        JsonNode event = lifecycle.read(record);
        assertEquals(ImageDeleted.REASON_PERMANENT, event.get("reason").asText());
        assertEquals(owner.toString(), event.get("userId").asText());
        assertEquals("artistic", event.get("style").asText());
        assertEquals(live.bytes(), event.get("bytes").asLong());
        assertNotNull(event.get("eventId").asText());
    }

    @Test
    void anotherUsersImageIsNotFoundOnEveryLifecycleRoute() {
        UUID owner = UUID.randomUUID();
        UUID stranger = UUID.randomUUID();
        GenerationCompleted job = gallery.publishAndAwait(gallery.completedJob(owner, "Mine", "mine", 2));
        GeneratedImage live = job.images().get(0);
        GeneratedImage trashed = job.images().get(1);
        given().auth().oauth2(token(owner)).when().delete("/api/v1/images/{id}", trashed.imageId())
                .then().statusCode(204);

        for (GeneratedImage image : List.of(live, trashed)) {
            given().auth().oauth2(token(stranger)).when().delete("/api/v1/images/{id}", image.imageId())
                    .then().statusCode(404).contentType(Problem.MEDIA_TYPE);
            given().auth().oauth2(token(stranger)).queryParam("permanent", "true")
                    .when().delete("/api/v1/images/{id}", image.imageId())
                    .then().statusCode(404).contentType(Problem.MEDIA_TYPE);
            given().auth().oauth2(token(stranger)).when().post("/api/v1/images/{id}/restore", image.imageId())
                    .then().statusCode(404).contentType(Problem.MEDIA_TYPE);
            given().auth().oauth2(token(stranger)).when().post("/api/v1/images/{id}/download", image.imageId())
                    .then().statusCode(404).contentType(Problem.MEDIA_TYPE)
                    .body(not(containsString("X-Amz")));
        }
        given().auth().oauth2(token(stranger)).when().get("/api/v1/trash")
                .then().statusCode(200).body("items", empty());

        // The owner's images are untouched.
        given().auth().oauth2(token(owner)).when().get("/api/v1/images")
                .then().statusCode(200).body("items.id", contains(live.imageId().toString()));
        given().auth().oauth2(token(owner)).when().get("/api/v1/trash")
                .then().statusCode(200).body("items.id", contains(trashed.imageId().toString()));
        job.images().forEach(image -> image.keys().values()
                .forEach(key -> assertTrue(lifecycle.objectExists(key), key)));
    }

    @Test
    void malformedIdIsNotFoundOnEveryLifecycleRoute() {
        String token = token(UUID.randomUUID());
        given().auth().oauth2(token).when().delete("/api/v1/images/not-a-uuid").then().statusCode(404);
        given().auth().oauth2(token).when().post("/api/v1/images/not-a-uuid/restore").then().statusCode(404);
        given().auth().oauth2(token).when().post("/api/v1/images/not-a-uuid/download").then().statusCode(404);
    }

    @ParameterizedTest
    @CsvSource({ "yes", "1", "permanently" })
    void permanentMustBeTrueOrFalse(String value) {
        UUID owner = UUID.randomUUID();
        UUID imageId = gallery.publishAndAwait(gallery.completedJob(owner, "Safe", "safe", 1))
                .images().get(0).imageId();

        given().auth().oauth2(token(owner)).queryParam("permanent", value)
                .when().delete("/api/v1/images/{id}", imageId)
                .then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors.field", contains("permanent"));
        given().auth().oauth2(token(owner)).when().get("/api/v1/images/{id}", imageId).then().statusCode(200);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({ "limit, 0", "limit, 51", "limit, x", "cursor, garbage", "cursor, AAAA" })
    void invalidTrashPagingIsRejectedNamingTheParameter(String parameter, String value) {
        given().auth().oauth2(token(UUID.randomUUID())).queryParam(parameter, value)
                .when().get("/api/v1/trash")
                .then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors.field", contains(parameter));
    }

    @Test
    void aGalleryCursorIsNotATrashCursor() {
        UUID owner = UUID.randomUUID();
        gallery.publishAndAwait(gallery.completedJob(owner, "Two", "two", 2));
        String galleryCursor = given().auth().oauth2(token(owner)).queryParam("limit", 1)
                .when().get("/api/v1/images").then().statusCode(200).extract().path("nextCursor");

        given().auth().oauth2(token(owner)).queryParam("cursor", galleryCursor)
                .when().get("/api/v1/trash")
                .then().statusCode(400)
                .body("errors.field", contains("cursor"));
    }

    @ParameterizedTest
    @CsvSource({ "DELETE, /api/v1/images/00000000-0000-0000-0000-000000000001",
            "POST, /api/v1/images/00000000-0000-0000-0000-000000000001/restore",
            "POST, /api/v1/images/00000000-0000-0000-0000-000000000001/download",
            "GET, /api/v1/trash" })
    void lifecycleRoutesNeedAToken(String method, String path) {
        given().when().request(method, path)
                .then().statusCode(401)
                .contentType(Problem.MEDIA_TYPE)
                .header("WWW-Authenticate", startsWith("Bearer"));
    }
}
