package dev.atelier.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.atelier.infra.Infrastructure;
import dev.atelier.infra.PostgresServer;
import dev.atelier.launcher.Stack;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/**
 * An account's whole life through the gateway: sign up, use the API, change the password, delete the account;
 * then nothing of that user is left in any service's tables or in the bucket, and another user keeps everything.
 */
class AccountLifecycleIT {
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final String NEW_PASSWORD = "lamplighter on the moor";
    private static final List<String> DATABASES = List.of("auth", "image", "gallery");

    @BeforeAll
    static void startStack() {
        RunningStack.get();
    }

    @Test
    void aDeletedAccountLeavesNothingBehindAnywhere() throws Exception {
        Users alice = Users.signUp("Alice");
        Users bob = Users.signUp("Bob");
        String aliceImage = generateOneImage(alice);
        String bobImage = generateOneImage(bob);
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON).body(Map.of())
                .when().post("/api/v1/images/" + aliceImage + "/shares").then().statusCode(201);
        assertTrue(objectsOf(alice.id()) > 0, "Alice's images are in the bucket");

        // A second session, e.g. another device; changing the password from the first ends it.
        String otherDevice = signIn(alice.email(), alice.password()).path("refreshToken");
        given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                .body(Map.of("currentPassword", alice.password(), "newPassword", NEW_PASSWORD))
                .when().patch("/api/v1/users/me").then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("refreshToken", otherDevice))
                .when().post("/api/v1/auth/refresh").then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("email", alice.email(), "password", alice.password()))
                .when().post("/api/v1/auth/signin").then().statusCode(401);
        String accessToken = signIn(alice.email(), NEW_PASSWORD).path("accessToken");

        given().header("Authorization", "Bearer " + accessToken).contentType(ContentType.JSON)
                .body(Map.of("password", NEW_PASSWORD))
                .when().delete("/api/v1/users/me").then().statusCode(202);

        awaitNothingLeftOf(alice.id());
        assertEquals(0, objectsOf(alice.id()), "Alice's objects are gone");
        given().header("Authorization", "Bearer " + accessToken).when().get("/api/v1/users/me")
                .then().statusCode(401).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("email", alice.email(), "password", NEW_PASSWORD))
                .when().post("/api/v1/auth/signin").then().statusCode(401);

        // Bob lost nothing.
        given().header("Authorization", bob.bearer()).when().get("/api/v1/images/" + bobImage)
                .then().statusCode(200).body("id", equalTo(bobImage));
        assertTrue(objectsOf(bob.id()) > 0, "Bob's objects are still there");
        assertTrue(rowsOf(bob.id()).stream().anyMatch(row -> row.startsWith("gallery.images")), "Bob's rows stay");
    }

    private static String generateOneImage(Users user) throws InterruptedException {
        String jobId = given().header("Authorization", user.bearer()).contentType(ContentType.JSON)
                .body(Map.of("prompt", "a quiet harbour at dawn", "style", "realistic", "count", 1))
                .when().post("/api/v1/generations")
                .then().statusCode(202).extract().path("id");
        ExtractableResponse<Response> job = Jobs.awaitTerminal(user, jobId, new ArrayList<>());
        assertEquals("succeeded", job.path("status"));
        String imageId = job.<List<String>>path("imageIds").get(0);
        Jobs.awaitGallery(user, 1);
        return imageId;
    }

    private static ExtractableResponse<Response> signIn(String email, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("email", email, "password", password))
                .when().post("/api/v1/auth/signin").then().statusCode(200).extract();
    }

    private static void awaitNothingLeftOf(String userId) throws Exception {
        Instant deadline = Instant.now().plus(PATIENCE);
        List<String> left = rowsOf(userId);
        while (!left.isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            left = rowsOf(userId);
        }
        if (!left.isEmpty()) {
            fail("Rows of the deleted user are left: " + left);
        }
    }

    /**
     * Every row, in every table of every service's database, that names the user: in a {@code user_id} column, or
     * as the Kafka key of an outbox row. The only records allowed to remain are the ones that make the deletion
     * stick, holding nothing but ids: the {@code deleted_users} tombstones (so late events and tokens store
     * nothing), auth-service's own {@code user.deleted} event, and image-service's {@code generation.canceled}
     * events that stop the worker rendering the user's unfinished jobs.
     */
    private static List<String> rowsOf(String userId) throws SQLException {
        List<String> found = new ArrayList<>();
        PostgresServer postgres = stack().infrastructure().postgres();
        for (String database : DATABASES) {
            try (Connection db = DriverManager.getConnection(postgres.jdbcUrl(database), PostgresServer.USER,
                    PostgresServer.PASSWORD)) {
                for (String table : tablesWith(db, "user_id")) {
                    if (table.equals("deleted_users")) {
                        continue;
                    }
                    count(db, "select count(*) from " + table + " where user_id::text = ?", userId)
                            .ifPresent(n -> found.add(database + "." + table + ": " + n));
                }
                for (String table : tablesWith(db, "message_key")) {
                    String sql = "select count(*) from " + table + " where message_key = ?"
                            + " and topic not in ('user.deleted', 'generation.canceled')";
                    count(db, sql, userId).ifPresent(n -> found.add(database + "." + table + " (by key): " + n));
                }
                if (database.equals("auth")) {
                    count(db, "select count(*) from users where id::text = ?", userId)
                            .ifPresent(n -> found.add("auth.users: " + n));
                }
            }
        }
        return found;
    }

    private static List<String> tablesWith(Connection db, String column) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement query = db.prepareStatement("""
                select c.table_name from information_schema.columns c
                join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                where c.table_schema = 'public' and c.column_name = ? and t.table_type = 'BASE TABLE'
                order by c.table_name""")) {
            query.setString(1, column);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
        }
        return tables;
    }

    private static java.util.Optional<Long> count(Connection db, String sql, String userId) throws SQLException {
        try (PreparedStatement query = db.prepareStatement(sql)) {
            query.setString(1, userId);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                long n = rows.getLong(1);
                return n == 0 ? java.util.Optional.empty() : java.util.Optional.of(n);
            }
        }
    }

    /** Objects under {@code users/<id>/} in the bucket (the S3 server keeps them as files). */
    private static long objectsOf(String userId) {
        Path prefix = stack().infrastructure().s3().store().resolve(Infrastructure.BUCKET).resolve("users")
                .resolve(UUID.fromString(userId).toString());
        if (!Files.exists(prefix)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(prefix)) {
            return files.filter(Files::isRegularFile).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stack stack() {
        return RunningStack.get();
    }
}
