package dev.atelier.gallery.rest;

import static dev.atelier.gallery.GalleryFixtures.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.atelier.gallery.GalleryRows;
import dev.atelier.problem.Problem;
import dev.atelier.testinfra.RealInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = RealInfraResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealInfraResource.DATABASE, value = "gallery"))
class StatsResourceTest {

    @Inject
    GalleryRows rows;

    @Test
    void countsTheCallersLiveImagesByStyleAndEmotionWithFavouritesAndBytes() {
        UUID owner = UUID.randomUUID();
        rows.insert(owner, row -> {
            row.style = "artistic";
            row.emotion = "calm";
            row.favorite = true;
            row.bytes = 1_000;
        });
        rows.insert(owner, row -> {
            row.style = "artistic";
            row.emotion = "hopeful";
            row.bytes = 2_500;
        });
        rows.insert(owner, row -> {
            row.style = "minimal";
            row.emotion = null;
            row.favorite = true;
            row.bytes = 4_000_000_000L;
        });
        // Neither a trashed image nor another user's counts.
        rows.insert(owner, row -> {
            row.style = "vibrant";
            row.favorite = true;
            row.bytes = 77;
            row.deletedAt = GalleryRows.at(1);
        });
        rows.insert(UUID.randomUUID(), row -> row.style = "realistic");

        given().auth().oauth2(token(owner))
                .when().get("/api/v1/stats")
                .then().statusCode(200)
                .body("images", equalTo(3))
                .body("favorites", equalTo(2))
                .body("storageBytes", equalTo(4_000_003_500L))
                .body("byStyle", equalTo(Map.of("artistic", 2, "minimal", 1)))
                .body("byEmotion", equalTo(Map.of("calm", 1, "hopeful", 1, "none", 1)));
    }

    @Test
    void aNewUserHasZeros() {
        given().auth().oauth2(token(UUID.randomUUID()))
                .when().get("/api/v1/stats")
                .then().statusCode(200)
                .body("images", equalTo(0))
                .body("favorites", equalTo(0))
                .body("storageBytes", equalTo(0))
                .body("byStyle", equalTo(Map.of()))
                .body("byEmotion", equalTo(Map.of()));
    }

    @Test
    void statsFollowAPatch() {
        UUID owner = UUID.randomUUID();
        UUID id = rows.insert(owner, row -> row.favorite = false);

        given().auth().oauth2(token(owner)).contentType("application/merge-patch+json").body("{\"favorite\": true}")
                .when().patch("/api/v1/images/{id}", id).then().statusCode(200);

        given().auth().oauth2(token(owner))
                .when().get("/api/v1/stats")
                .then().statusCode(200).body("favorites", equalTo(1));
    }

    @Test
    void statsNeedAToken() {
        given().when().get("/api/v1/stats")
                .then().statusCode(401).contentType(Problem.MEDIA_TYPE);
    }
}
