package dev.atelier.image.rest;

import static dev.atelier.image.Fixtures.PATIENCE;
import static dev.atelier.image.Fixtures.as;
import static dev.atelier.image.Fixtures.count;
import static dev.atelier.image.Fixtures.jobsOf;
import static dev.atelier.image.Fixtures.produce;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.atelier.events.GeneratedImage;
import dev.atelier.events.GenerationCompleted;
import dev.atelier.events.StorageKeys;
import dev.atelier.events.Topics;
import dev.atelier.image.Fixtures;
import dev.atelier.image.KafkaAndDatabaseTest;
import dev.atelier.problem.Problem;
import dev.atelier.testinfra.RealInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** POST /generations with Prefer: wait=N answers with the finished job when it finishes in time. */
@QuarkusTest
@QuarkusTestResource(value = RealInfraResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealInfraResource.DATABASE, value = "image"))
class WaitForFinishTest extends KafkaAndDatabaseTest {
    private static final String REQUEST = "{\"prompt\":\"a tin robot\",\"style\":\"vibrant\"}";

    @Test
    void aJobFinishingWithinTheWaitIsAnswered200WithTheFinishedJob() throws Exception {
        UUID user = UUID.randomUUID();
        CompletableFuture<Response> answer = submitAsync(user, "wait=30");
        UUID job = awaitJobOf(user);
        UUID image = UUID.randomUUID();
        produce(kafka, mapper, Topics.GENERATION_COMPLETED, completed(user, job, image));

        Response response = answer.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        assertEquals(200, response.statusCode());
        assertEquals("wait=30", response.header("Preference-Applied"));
        assertEquals(job.toString(), response.path("id"));
        assertEquals("succeeded", response.path("status"));
        assertEquals(List.of(image.toString()), response.path("imageIds"));
    }

    @Test
    void aWaitAboveSixtySecondsIsLoweredToSixty() throws Exception {
        UUID user = UUID.randomUUID();
        CompletableFuture<Response> answer = submitAsync(user, "respond-async, wait=3600");
        UUID job = awaitJobOf(user);
        produce(kafka, mapper, Topics.GENERATION_COMPLETED, completed(user, job, UUID.randomUUID()));

        Response response = answer.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        assertEquals(200, response.statusCode());
        assertEquals("wait=60", response.header("Preference-Applied"));
    }

    @Test
    void aJobNotFinishedWhenTheWaitEndsIsAnsweredAsUsualWith202() {
        UUID user = UUID.randomUUID();
        Response response = as(user).header("Prefer", "wait=1").body(REQUEST).post(Fixtures.BASE);
        assertEquals(202, response.statusCode());
        assertEquals("queued", response.path("status"));
        assertNull(response.header("Preference-Applied"));
        assertEquals(1, jobsOf(db, user));
    }

    @Test
    void aMalformedWaitIsA400NamingTheHeaderAndStoresNothing() {
        UUID user = UUID.randomUUID();
        as(user).header("Prefer", "wait=soon").body(REQUEST).post(Fixtures.BASE).then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("Prefer"));
        assertEquals(0, jobsOf(db, user));
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private static CompletableFuture<Response> submitAsync(UUID user, String prefer) {
        return CompletableFuture.supplyAsync(
                () -> as(user).header("Prefer", prefer).body(REQUEST).post(Fixtures.BASE).thenReturn());
    }

    /** The job the pending submit stored (it is committed before the wait begins). */
    private UUID awaitJobOf(UUID user) {
        await().atMost(PATIENCE).until(() -> count(db, "select count(*) from generation_jobs where user_id = ?",
                user) == 1);
        try (Connection connection = db.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "select id from generation_jobs where user_id = ?")) {
            statement.setObject(1, user);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getObject(1, UUID.class);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static GenerationCompleted completed(UUID user, UUID job, UUID image) {
        GeneratedImage generated = new GeneratedImage(image, 0, "png", 1024, 1024, 2048, "ab".repeat(32),
                Map.of(StorageKeys.ORIGINAL, StorageKeys.image(user, image, StorageKeys.ORIGINAL, "png")));
        return new GenerationCompleted(UUID.randomUUID(), GenerationCompleted.VERSION, Instant.now(), user, job,
                "a tin robot", "vibrant", null, null, 7, "local", "procedural-v1", List.of(generated));
    }
}
