package dev.atelier.gallery.messaging;

import static dev.atelier.gallery.GalleryFixtures.token;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.atelier.events.GeneratedImage;
import dev.atelier.events.GenerationCompleted;
import dev.atelier.events.StorageKeys;
import dev.atelier.events.Topics;
import dev.atelier.events.UserDeleted;
import dev.atelier.gallery.AccountTraces;
import dev.atelier.gallery.GalleryFixtures;
import dev.atelier.gallery.LifecycleFixtures;
import dev.atelier.gallery.ProtectedRoute;
import dev.atelier.gallery.TestImages;
import dev.atelier.gallery.UploadFixtures;
import dev.atelier.security.AccountDeletedException;
import dev.atelier.problem.Problem;
import dev.atelier.testinfra.RealInfraResource;
import dev.atelier.gallery.service.DeletedAccountRefusal;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Deleting an account leaves nothing of it: no row in any table (found from the catalogue, not from a list), no
 * object under its folder, no working share link, no accepted token, and nothing stored by a request or a
 * generation that was still under way. Other users keep everything.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfraResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealInfraResource.DATABASE, value = "gallery"))
class AccountDeletionTest {
    private static final String ACCOUNT_DELETED = "urn:problem:atelier:account-deleted";

    @Inject
    GalleryFixtures gallery;
    @Inject
    LifecycleFixtures lifecycle;
    @Inject
    UploadFixtures uploads;
    @Inject
    AccountTraces traces;
    @Inject
    AgroalDataSource db;

    /** What a user owns after using every feature once; their ids are what must vanish. */
    private record Activity(List<UUID> imageIds, String shareUrl) {
    }

    @Test
    void deletingAnAccountLeavesNoRowInAnyTableAndNoObjectAndSparesEveryoneElse() {
        UUID leaving = UUID.randomUUID();
        UUID staying = UUID.randomUUID();
        Activity left = useEveryFeature(leaving);
        Activity kept = useEveryFeature(staying);
        // An object without any row (a generation whose completion never arrived) goes too.
        lifecycle.putObject(StorageKeys.image(leaving, UUID.randomUUID(), StorageKeys.ORIGINAL, "png"),
                new byte[] { 1, 2, 3 });
        given().redirects().follow(false).when().get(left.shareUrl()).then().statusCode(302);
        Map<String, Long> stayingRows = traces.rowsKeyedBy(staying);
        Map<String, Long> stayingMentions = traces.rowsMentioning(ids(staying, kept));
        List<String> stayingObjects = uploads.objectsWithETags(staying);
        assertTrue(traces.rowsKeyedBy(leaving).get("images") >= 3 && traces.rowsKeyedBy(leaving).get("shares") >= 1,
                "the user had rows to delete: " + traces.rowsKeyedBy(leaving));

        deleteAccount(leaving);

        // The check is generic, so it must have found the tables it is about.
        assertTrue(traces.tablesKeyedByUser().containsAll(List.of("images", "shares",
                AccountTraces.TOMBSTONE_TABLE)), "tables keyed by user: " + traces.tablesKeyedByUser());
        assertTrue(traces.tables().contains("outbox"), "tables: " + traces.tables());
        Map<String, Long> rows = traces.rowsKeyedBy(leaving);
        assertEquals(1L, rows.remove(AccountTraces.TOMBSTONE_TABLE), "the tombstone keeps the id, nothing else");
        rows.forEach((table, count) -> assertEquals(0L, count, "rows of the user left in " + table + ": " + rows));
        Map<String, Long> mentions = traces.rowsMentioning(ids(leaving, left));
        mentions.remove(AccountTraces.TOMBSTONE_TABLE);
        mentions.forEach((table, count) -> assertEquals(0L, count,
                "rows naming the user or one of their images left in " + table + ": " + mentions));
        Map<String, Long> references = traces.rowsReferencing("images", left.imageIds());
        assertTrue(references.containsKey("shares.image_id"), "foreign keys to images: " + references.keySet());
        references.forEach((key, count) -> assertEquals(0L, count, "rows left through " + key));
        assertEquals(List.of(), lifecycle.keysUnder(StorageKeys.userPrefix(leaving)), "objects left in the bucket");
        given().redirects().follow(false).when().get(left.shareUrl())
                .then().statusCode(404).contentType(Problem.MEDIA_TYPE);

        assertEquals(stayingRows, traces.rowsKeyedBy(staying));
        assertEquals(stayingMentions, traces.rowsMentioning(ids(staying, kept)));
        assertEquals(stayingObjects, uploads.objectsWithETags(staying));
        given().redirects().follow(false).when().get(kept.shareUrl()).then().statusCode(302);
    }

    @Test
    void aStillValidTokenOfADeletedAccountIsRefusedOnEveryRouteAndStoresNothing() {
        UUID leaving = UUID.randomUUID();
        UUID image = uploads.uploaded(leaving, "mine.png", TestImages.png(40, 30), "image/png");
        String stillValid = token(leaving);
        deleteAccount(leaving);

        for (ProtectedRoute route : ProtectedRoute.values()) {
            assertAccountDeleted(route.call(stillValid, image), route);
        }

        assertEquals(0, lifecycle.rowsOf(leaving), "nothing was uploaded");
        assertEquals(List.of(), lifecycle.keysUnder(StorageKeys.userPrefix(leaving)));
        assertEquals(0, traces.count("select count(*) from shares where user_id = ?", leaving));
    }

    @Test
    void tokensAreRefusedFromTheMomentTheAccountIsMarkedDeletedBeforeItsRowsAreGone() {
        UUID leaving = UUID.randomUUID();
        UUID image = uploads.uploaded(leaving, "mine.png", TestImages.png(40, 30), "image/png");
        String row = imageRow(image);
        List<String> objects = uploads.objectsWithETags(leaving);
        // What the consumer's first step commits; the objects and rows are deleted after it (minutes for a large
        // account).
        lifecycle.update("insert into deleted_users (user_id) values (?)", leaving);

        for (ProtectedRoute route : ProtectedRoute.values()) {
            assertAccountDeleted(route.call(token(leaving), image), route);
        }

        assertEquals(row, imageRow(image), "the image was neither edited nor trashed nor deleted");
        assertEquals(objects, uploads.objectsWithETags(leaving));
        assertEquals(1, lifecycle.rowsOf(leaving), "no upload was stored");
        assertEquals(0, traces.count("select count(*) from shares where user_id = ?", leaving));
    }

    @Test
    void theDatabaseRefusesImagesAndSharesOfAMarkedAccountAndDropsItsEvents() throws SQLException {
        UUID leaving = UUID.randomUUID();
        UUID image = uploads.uploaded(leaving, "mine.png", TestImages.png(40, 30), "image/png");
        lifecycle.update("insert into deleted_users (user_id) values (?)", leaving);

        SQLException image2 = assertThrows(SQLException.class, () -> execute("""
                insert into images (id, user_id, source, created_at) values (?, ?, 'uploaded', now())
                """, UUID.randomUUID(), leaving));
        assertEquals(DeletedAccountRefusal.SQL_STATE, image2.getSQLState());
        SQLException share = assertThrows(SQLException.class, () -> execute("""
                insert into shares (id, image_id, user_id, token_hash, expires_at)
                values (?, ?, ?, repeat('a', 64), now() + interval '1 hour')
                """, UUID.randomUUID(), image, leaving));
        assertEquals(DeletedAccountRefusal.SQL_STATE, share.getSQLState());
        long events = traces.count("select count(*) from outbox where message_key = ?", leaving.toString());
        int inserted = execute("""
                insert into outbox (aggregate_id, topic, message_key, event_type, payload)
                values (?, 'image.stored', ?, 'image.stored', '{}'::jsonb)
                """, image, leaving.toString());

        assertEquals(0, inserted, "an event about a deleted account is dropped, its transaction goes on");
        assertEquals(events, traces.count("select count(*) from outbox where message_key = ?", leaving.toString()));
        assertEquals(1, lifecycle.rowsOf(leaving));
    }

    @Test
    void anUploadRacingTheDeletionStoresNothingAndAnswersAccountDeleted() {
        UUID leaving = UUID.randomUUID();
        // The account is marked deleted after the token and the upload's own check passed: inside the insert.
        markDeletedWhenItsImageIsInserted(leaving);
        try {
            assertAccountDeleted(uploads.upload(leaving, "race.png", TestImages.png(1500, 1000), "image/png"),
                    ProtectedRoute.UPLOAD);
        } finally {
            dropRaceTrigger();
        }

        assertEquals(0, lifecycle.rowsOf(leaving));
        assertEquals(List.of(), lifecycle.keysUnder(StorageKeys.userPrefix(leaving)),
                "original, medium and thumb were deleted");
    }

    @Test
    void aShareRacingTheDeletionIsNotCreatedAndAnswersAccountDeleted() {
        UUID leaving = UUID.randomUUID();
        UUID image = uploads.uploaded(leaving, "mine.png", TestImages.png(40, 30), "image/png");
        markDeletedMidInsert("shares", leaving);
        try {
            assertAccountDeleted(ProtectedRoute.SHARE.call(token(leaving), image), ProtectedRoute.SHARE);
        } finally {
            dropRaceTrigger("shares");
        }

        assertEquals(0, traces.count("select count(*) from shares where user_id = ?", leaving));
    }

    @Test
    void aGenerationCompletingAfterTheDeletionLeavesNoObjectAndNoRow() {
        UUID leaving = UUID.randomUUID();
        deleteAccount(leaving);
        // The worker had already written the objects when the account was deleted.
        GenerationCompleted late = gallery.completedJob(leaving, "Late", "too late", 2);
        List<String> keys = keysOf(late);
        keys.forEach(key -> assertTrue(lifecycle.objectExists(key), key));

        gallery.publish(late);
        await().atMost(GalleryFixtures.PROCESSING).until(() -> lifecycle.processed(late.eventId()));

        // Deleted before the event counted as processed: no waiting for a clean-up afterwards.
        keys.forEach(key -> assertFalse(lifecycle.objectExists(key), key));
        assertEquals(List.of(), lifecycle.keysUnder(StorageKeys.userPrefix(leaving)));
        assertEquals(0, lifecycle.rowsOf(leaving));
        late.images().forEach(image -> assertFalse(lifecycle.rowExists(image.imageId())));
        assertEquals(0, traces.count("select count(*) from outbox where message_key = ?", leaving.toString()));
        assertFalse(gallery.deadLettered(late.eventId()));
    }

    @Test
    void aGenerationCompletingWhileTheAccountIsBeingDeletedLeavesNoObjectAndNoRow() {
        UUID leaving = UUID.randomUUID();
        GenerationCompleted racing = gallery.completedJob(leaving, "Racing", "just in time", 2);
        markDeletedWhenItsImageIsInserted(leaving);
        try {
            gallery.publish(racing);
            await().atMost(GalleryFixtures.PROCESSING).until(() -> lifecycle.processed(racing.eventId()));
        } finally {
            dropRaceTrigger();
        }

        keysOf(racing).forEach(key -> assertFalse(lifecycle.objectExists(key), key));
        assertEquals(0, lifecycle.rowsOf(leaving));
        assertEquals(0, traces.count("select count(*) from outbox where message_key = ?", leaving.toString()));
        assertFalse(gallery.deadLettered(racing.eventId()));
    }

    /** A generated job (one image edited and trashed), uploads (one shared, one downloaded, one deleted). */
    private Activity useEveryFeature(UUID userId) {
        List<UUID> ids = new ArrayList<>();
        GenerationCompleted job = gallery.publishAndAwait(gallery.completedJob(userId, "Job", "a lighthouse", 2));
        job.images().forEach(image -> ids.add(image.imageId()));
        UUID edited = job.images().get(0).imageId();
        given().auth().oauth2(token(userId)).contentType("application/merge-patch+json")
                .body("{\"tags\":[\"sea\"],\"favorite\":true,\"metadata\":{\"note\":\"mine\"}}")
                .when().patch("/api/v1/images/{id}", edited).then().statusCode(200);
        given().auth().oauth2(token(userId)).when().delete("/api/v1/images/{id}", job.images().get(1).imageId())
                .then().statusCode(204);
        UUID shared = uploads.uploaded(userId, "shared.png", TestImages.png(1500, 1000), "image/png");
        ids.add(shared);
        String shareUrl = given().auth().oauth2(token(userId)).contentType("application/json").body("{}")
                .when().post("/api/v1/images/{id}/shares", shared)
                .then().statusCode(201).extract().path("url");
        given().auth().oauth2(token(userId)).when().post("/api/v1/images/{id}/download", shared)
                .then().statusCode(200);
        UUID gone = uploads.uploaded(userId, "gone.png", TestImages.png(40, 30), "image/png");
        ids.add(gone);
        given().auth().oauth2(token(userId)).queryParam("permanent", "true")
                .when().delete("/api/v1/images/{id}", gone).then().statusCode(204);
        given().auth().oauth2(token(userId)).when().get("/api/v1/images").then().statusCode(200)
                .body("items", hasSize(2));
        return new Activity(ids, shareUrl);
    }

    private void deleteAccount(UUID userId) {
        UserDeleted deleted = new UserDeleted(UUID.randomUUID(), UserDeleted.VERSION, Instant.now(), userId);
        lifecycle.publish(Topics.USER_DELETED, deleted);
        await().atMost(GalleryFixtures.PROCESSING).until(() -> lifecycle.processed(deleted.eventId()));
    }

    private static void assertAccountDeleted(Response response, ProtectedRoute route) {
        response.then().log().ifValidationFails()
                .statusCode(401)
                .contentType(Problem.MEDIA_TYPE);
        assertEquals(ACCOUNT_DELETED, response.path("type"), route + ": " + response.asString());
        assertEquals(401, (int) response.path("status"), route.toString());
    }

    private void markDeletedWhenItsImageIsInserted(UUID userId) {
        markDeletedMidInsert("images", userId);
    }

    private void dropRaceTrigger() {
        dropRaceTrigger("images");
    }

    /**
     * A trigger that marks the user deleted inside the insert of their row into {@code table}, after every check in
     * the service passed: the narrowest race there is. It runs before V5's trigger (triggers fire in name order).
     */
    private void markDeletedMidInsert(String table, UUID userId) {
        lifecycle.update("""
                create or replace function test_mark_deleted_mid_insert() returns trigger language plpgsql as $$
                begin
                    insert into deleted_users (user_id) values (new.user_id) on conflict do nothing;
                    return new;
                end $$
                """);
        lifecycle.update("create trigger " + table + "_0_test_race before insert on " + table + " for each row "
                + "when (new.user_id = '" + userId + "') execute function test_mark_deleted_mid_insert()");
    }

    private void dropRaceTrigger(String table) {
        lifecycle.update("drop trigger " + table + "_0_test_race on " + table);
    }

    private String imageRow(UUID image) {
        return uploads.query("select to_jsonb(i)::text from images i where id = $1", image).iterator().next()
                .getString(0);
    }

    private int execute(String sql, Object... args) throws SQLException {
        try (Connection connection = db.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            return statement.executeUpdate();
        }
    }

    private static List<UUID> ids(UUID userId, Activity activity) {
        List<UUID> ids = new ArrayList<>();
        ids.add(userId);
        ids.addAll(activity.imageIds());
        return ids;
    }

    private static List<String> keysOf(GenerationCompleted event) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (GeneratedImage image : event.images()) {
            image.keys().values().forEach(key -> keys.put(key, key));
        }
        return List.copyOf(keys.keySet());
    }
}
