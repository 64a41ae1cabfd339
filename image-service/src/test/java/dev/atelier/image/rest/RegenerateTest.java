package dev.atelier.image.rest;

import static dev.atelier.image.Fixtures.BASE;
import static dev.atelier.image.Fixtures.as;
import static dev.atelier.image.Fixtures.jobsOf;
import static dev.atelier.image.Fixtures.outboxRowsOf;
import static dev.atelier.image.Fixtures.submit;
import static dev.atelier.image.ReuseFixtures.IMAGES;
import static dev.atelier.image.ReuseFixtures.complete;
import static dev.atelier.image.ReuseFixtures.deleteImage;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.atelier.image.KafkaAndDatabaseTest;
import dev.atelier.image.ReuseFixtures;
import dev.atelier.problem.Problem;
import dev.atelier.testinfra.RealInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * Regenerate: {@code fromImageId} (or {@code POST /images/{id}/regenerate}) asks for another take of one of the
 * caller's generated images, with that job's prompt, style, size, name, emotion and provider and a new seed.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfraResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealInfraResource.DATABASE, value = "image"))
class RegenerateTest extends KafkaAndDatabaseTest {
    private static final long SOURCE_SEED = 11;

    private UUID owner;
    private UUID first;
    private UUID second;

    @BeforeEach
    void anOwnerWithTwoGeneratedImages() {
        owner = UUID.randomUUID();
        UUID job = submit(owner, "{\"prompt\":\"a lighthouse at dusk\",\"style\":\"vibrant\",\"size\":\"768x768\","
                + "\"count\":2,\"name\":\"Dusk\",\"emotion\":\"melancholic\",\"seed\":" + SOURCE_SEED + "}");
        first = UUID.randomUUID();
        second = UUID.randomUUID();
        complete(kafka, mapper, owner, job, first, second);
    }

    @Test
    void regeneratingAnImageCopiesItsJobWithANewSeedAndOneImage() throws Exception {
        ValidatableResponse accepted = as(owner).body(Map.of("fromImageId", second)).post(BASE).then()
                .statusCode(202)
                .body("status", equalTo("queued"))
                .body("cost", equalTo(1));
        String id = accepted.extract().path("id");
        accepted.header("Location", endsWith(BASE + "/" + id));

        Number seed = as(owner).get(BASE + "/" + id).then()
                .statusCode(200)
                .body("prompt", equalTo("a lighthouse at dusk"))
                .body("style", equalTo("vibrant"))
                .body("size", equalTo("768x768"))
                .body("name", equalTo("Dusk"))
                .body("emotion", equalTo("melancholic"))
                .body("provider", equalTo("local"))
                .body("count", equalTo(1))
                .body("cached", equalTo(false))
                .extract().path("seed");
        // Another take: the same seed would render the same picture.
        assertNotEquals(SOURCE_SEED, seed.longValue());

        JsonNode event = queuedEvent(UUID.fromString(id));
        assertEquals("a lighthouse at dusk", event.get("prompt").asText());
        assertEquals("vibrant", event.get("style").asText());
        assertEquals("768x768", event.get("size").asText());
        assertEquals("melancholic", event.get("emotion").asText());
        assertEquals(seed.longValue(), event.get("seed").asLong());
    }

    @Test
    void fieldsInTheBodyOverrideTheCopiedOnes() {
        String id = as(owner)
                .body(Map.of("fromImageId", first, "style", "artistic", "count", 3, "seed", 5, "name", "Again",
                        "prompt", "a lighthouse at dawn"))
                .post(BASE).then()
                .statusCode(202)
                .extract().path("id");
        as(owner).get(BASE + "/" + id).then()
                .body("prompt", equalTo("a lighthouse at dawn"))
                .body("style", equalTo("artistic"))
                .body("count", equalTo(3))
                .body("seed", equalTo(5))
                .body("name", equalTo("Again"))
                .body("size", equalTo("768x768"))
                .body("emotion", equalTo("melancholic"));
    }

    @Test
    void theImagesRegenerateRouteDoesTheSameWithOrWithoutABody() {
        String plain = as(owner).post(IMAGES + "/" + first + "/regenerate").then()
                .statusCode(202)
                .extract().path("id");
        as(owner).get(BASE + "/" + plain).then()
                .body("prompt", equalTo("a lighthouse at dusk"))
                .body("count", equalTo(1))
                .body("name", equalTo("Dusk"));

        String withBody = as(owner).body(Map.of("count", 2, "seed", 3, "name", "Twice"))
                .post(IMAGES + "/" + first + "/regenerate").then()
                .statusCode(202)
                .extract().path("id");
        as(owner).get(BASE + "/" + withBody).then()
                .body("prompt", equalTo("a lighthouse at dusk"))
                .body("count", equalTo(2))
                .body("seed", equalTo(3))
                .body("name", equalTo("Twice"));
    }

    @Test
    void theImagesRegenerateRouteHonoursAnIdempotencyKey() {
        String key = UUID.randomUUID().toString();
        String id = as(owner).header("Idempotency-Key", key).post(IMAGES + "/" + first + "/regenerate").then()
                .statusCode(202).extract().path("id");
        as(owner).header("Idempotency-Key", key).post(IMAGES + "/" + first + "/regenerate").then()
                .statusCode(200).body("id", equalTo(id));
        as(owner).header("Idempotency-Key", key).post(IMAGES + "/" + second + "/regenerate").then()
                .statusCode(422);
    }

    @Test
    void anotherUsersImageIsNotFoundAndNothingIsStored() {
        UUID intruder = UUID.randomUUID();
        as(intruder).body(Map.of("fromImageId", first)).post(BASE).then()
                .statusCode(404)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors.field", hasItem("fromImageId"));
        as(intruder).post(IMAGES + "/" + first + "/regenerate").then()
                .statusCode(404)
                .contentType(Problem.MEDIA_TYPE);
        assertEquals(0, jobsOf(db, intruder));
        assertEquals(0, outboxRowsOf(db, intruder));
    }

    @Test
    void anUnknownImageIsNotFound() {
        UUID unknown = UUID.randomUUID();
        as(owner).body(Map.of("fromImageId", unknown, "prompt", "anything", "style", "minimal")).post(BASE).then()
                .statusCode(404)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors.field", hasItem("fromImageId"));
        as(owner).post(IMAGES + "/" + unknown + "/regenerate").then().statusCode(404);
        as(owner).post(IMAGES + "/not-a-uuid/regenerate").then().statusCode(404).contentType(Problem.MEDIA_TYPE);
        assertEquals(1, jobsOf(db, owner));
    }

    @Test
    void aDeletedImageIsNotFound() {
        deleteImage(kafka, mapper, db, owner, first);
        as(owner).body(Map.of("fromImageId", first)).post(BASE).then().statusCode(404);
        as(owner).body(Map.of("fromImageId", second)).post(BASE).then().statusCode(202);
    }

    @Test
    void aMalformedFromImageIdIsA400NamingIt() {
        as(owner).body("{\"fromImageId\":\"nope\"}").post(BASE).then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors.field", hasItem("fromImageId"));
    }

    @Test
    void aBadFieldBesideFromImageIdIsStillA400() {
        as(owner).body(Map.of("fromImageId", first, "count", 9)).post(BASE).then()
                .statusCode(400)
                .body("errors.field", hasItem("count"));
        as(owner).body(Map.of("count", 0)).post(IMAGES + "/" + first + "/regenerate").then()
                .statusCode(400)
                .body("errors.field", hasItem("count"));
        assertEquals(1, jobsOf(db, owner));
    }

    private JsonNode queuedEvent(UUID job) throws Exception {
        String payload = ReuseFixtures.text(db, "select payload::text from outbox where aggregate_id = ?", job);
        return mapper.readTree(payload);
    }
}
