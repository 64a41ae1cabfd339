package dev.atelier.image.rest;

import static dev.atelier.image.Fixtures.BASE;
import static dev.atelier.image.Fixtures.as;
import static dev.atelier.image.Fixtures.jobsOf;
import static dev.atelier.image.Fixtures.outboxRowsOf;
import static dev.atelier.image.Fixtures.submit;
import static dev.atelier.image.ReuseFixtures.age;
import static dev.atelier.image.ReuseFixtures.complete;
import static dev.atelier.image.ReuseFixtures.deleteImage;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.atelier.events.GenerationFailed;
import dev.atelier.events.Topics;
import dev.atelier.image.Fixtures;
import dev.atelier.image.KafkaAndDatabaseTest;
import dev.atelier.image.ReuseFixtures;
import dev.atelier.testinfra.RealInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * The prompt cache: the same request with the same explicit seed, within the window, is answered with the images
 * already rendered, free, without a worker.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfraResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealInfraResource.DATABASE, value = "image"))
class PromptCacheTest extends KafkaAndDatabaseTest {
    private static final String SEEDED =
            "{\"prompt\":\"a paper crane\",\"style\":\"minimal\",\"size\":\"512x512\",\"count\":2,\"seed\":7}";

    @Test
    void theSameRequestWithItsSeedIsAnsweredWithTheSameImagesFreeAndWithoutAWorker() {
        UUID user = UUID.randomUUID();
        UUID first = submit(user, SEEDED);
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        complete(kafka, mapper, user, first, a, b);

        // Case and spacing of the prompt do not make another request.
        ValidatableResponse hit = as(user)
                .body("{\"prompt\":\"  A  Paper\\u00a0crane \",\"style\":\"minimal\",\"size\":\"512x512\","
                        + "\"count\":2,\"seed\":7,\"name\":\"Crane again\"}")
                .post(BASE).then()
                .statusCode(200)
                .body("id", not(equalTo(first.toString())))
                .body("status", equalTo("succeeded"))
                .body("cached", equalTo(true))
                .body("cost", equalTo(0))
                .body("imageIds", contains(a.toString(), b.toString()));
        String id = hit.extract().path("id");
        hit.header("Location", endsWith(BASE + "/" + id));

        as(user).get(BASE + "/" + id).then()
                .statusCode(200)
                .body("status", equalTo("succeeded"))
                .body("cached", equalTo(true))
                .body("progress", equalTo(100))
                .body("name", equalTo("Crane again"))
                .body("seed", equalTo(7))
                .body("imageIds", contains(a.toString(), b.toString()));
        as(user).get(BASE + "/" + first).then().body("cached", equalTo(false));
        assertEquals(2, jobsOf(db, user));
        assertEquals(1, outboxRowsOf(db, user), "a cache hit is never queued");
    }

    @Test
    void withoutASeedTheSameRequestIsRenderedAgain() {
        UUID user = UUID.randomUUID();
        String random = "{\"prompt\":\"a paper crane\",\"style\":\"minimal\"}";
        UUID first = submit(user, random);
        complete(kafka, mapper, user, first, UUID.randomUUID());

        as(user).body(random).post(BASE).then().statusCode(202).body("status", equalTo("queued"));
        assertEquals(2, outboxRowsOf(db, user));
    }

    @ParameterizedTest(name = "{0} is rendered again")
    @ValueSource(strings = {
            "{\"prompt\":\"a paper crane\",\"style\":\"minimal\",\"size\":\"512x512\",\"count\":2,\"seed\":8}",
            "{\"prompt\":\"a paper crane\",\"style\":\"artistic\",\"size\":\"512x512\",\"count\":2,\"seed\":7}",
            "{\"prompt\":\"a paper crane\",\"style\":\"minimal\",\"size\":\"768x768\",\"count\":2,\"seed\":7}",
            "{\"prompt\":\"a paper crane\",\"style\":\"minimal\",\"size\":\"512x512\",\"count\":1,\"seed\":7}",
            "{\"prompt\":\"a paper swan\",\"style\":\"minimal\",\"size\":\"512x512\",\"count\":2,\"seed\":7}",
            "{\"prompt\":\"a paper crane\",\"style\":\"minimal\",\"size\":\"512x512\",\"count\":2,\"seed\":7,"
                    + "\"emotion\":\"calm\"}" })
    void aRequestThatDiffersInSeedStyleSizeCountPromptOrEmotionIsRenderedAgain(String other) {
        UUID user = UUID.randomUUID();
        UUID first = submit(user, SEEDED);
        complete(kafka, mapper, user, first, UUID.randomUUID(), UUID.randomUUID());

        as(user).body(other).post(BASE).then().statusCode(202).body("status", equalTo("queued"));
        assertEquals(2, outboxRowsOf(db, user));
    }

    @Test
    void anotherUsersIdenticalRequestIsRenderedAgain() {
        UUID owner = UUID.randomUUID();
        UUID first = submit(owner, SEEDED);
        complete(kafka, mapper, owner, first, UUID.randomUUID(), UUID.randomUUID());

        UUID other = UUID.randomUUID();
        as(other).body(SEEDED).post(BASE).then().statusCode(202);
        assertEquals(1, outboxRowsOf(db, other));
    }

    @Test
    void aRenderingOlderThanTheWindowIsNotReused() {
        UUID user = UUID.randomUUID();
        UUID first = submit(user, SEEDED);
        complete(kafka, mapper, user, first, UUID.randomUUID(), UUID.randomUUID());
        age(db, first, "61 minutes");

        as(user).body(SEEDED).post(BASE).then().statusCode(202).body("status", equalTo("queued"));
        assertEquals(2, outboxRowsOf(db, user));
    }

    @Test
    void aRenderingJustInsideTheWindowIsReused() {
        UUID user = UUID.randomUUID();
        UUID first = submit(user, SEEDED);
        complete(kafka, mapper, user, first, UUID.randomUUID(), UUID.randomUUID());
        age(db, first, "59 minutes");

        as(user).body(SEEDED).post(BASE).then().statusCode(200).body("cached", equalTo(true));
    }

    @Test
    void aRenderingOneOfWhoseImagesWasDeletedIsNotReused() {
        UUID user = UUID.randomUUID();
        UUID first = submit(user, SEEDED);
        UUID kept = UUID.randomUUID();
        UUID deleted = UUID.randomUUID();
        complete(kafka, mapper, user, first, kept, deleted);
        deleteImage(kafka, mapper, db, user, deleted);

        as(user).body(SEEDED).post(BASE).then().statusCode(202).body("status", equalTo("queued"));
        assertEquals(2, outboxRowsOf(db, user));
    }

    @Test
    void aCacheHitIsNotReusedItselfSoTheWindowCountsFromTheRendering() {
        UUID user = UUID.randomUUID();
        UUID first = submit(user, SEEDED);
        complete(kafka, mapper, user, first, UUID.randomUUID(), UUID.randomUUID());
        as(user).body(SEEDED).post(BASE).then().statusCode(200).body("cached", equalTo(true));
        age(db, first, "2 hours");

        as(user).body(SEEDED).post(BASE).then().statusCode(202);
    }

    @Test
    void anUnfinishedOrFailedJobIsNotReused() {
        UUID user = UUID.randomUUID();
        UUID queued = submit(user, SEEDED);
        as(user).body(SEEDED).post(BASE).then().statusCode(202);

        Fixtures.produce(kafka, mapper, Topics.GENERATION_FAILED, new GenerationFailed(UUID.randomUUID(),
                GenerationFailed.VERSION, Instant.now(), user, queued, "render_failed", "no", false));
        ReuseFixtures.awaitStatus(user, queued, "failed");
        as(user).body(SEEDED).post(BASE).then().statusCode(202);
        assertEquals(3, outboxRowsOf(db, user));
    }
}
