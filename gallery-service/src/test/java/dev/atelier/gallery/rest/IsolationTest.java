package dev.atelier.gallery.rest;

import static dev.atelier.gallery.GalleryFixtures.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.atelier.events.GenerationCompleted;
import dev.atelier.gallery.GalleryFixtures;
import dev.atelier.testinfra.RealInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * OWASP API1 (BOLA): every gallery route that takes an id, called with another user's token against the owner's
 * image and share, answers 404 exactly like an unknown id, and changes nothing of the owner's.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfraResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealInfraResource.DATABASE, value = "gallery"))
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IsolationTest {
    private static final UUID OWNER = UUID.randomUUID();
    private static final UUID INTRUDER = UUID.randomUUID();

    @Inject
    GalleryFixtures gallery;

    String imageId;
    String shareId;

    /** Once per class, but after Quarkus pointed RestAssured at the application. */
    @BeforeEach
    void ownerHasAnImageWithAShare() {
        if (imageId != null) {
            return;
        }
        GenerationCompleted job = gallery.publishAndAwait(gallery.completedJob(OWNER, "Mine", "my lighthouse", 1));
        imageId = job.images().get(0).imageId().toString();
        shareId = given().auth().oauth2(token(OWNER)).contentType(ContentType.JSON).body(Map.of("expiresIn", "PT1H"))
                .post("/api/v1/images/{id}/shares", imageId).then().statusCode(201).extract().path("id");
    }

    Stream<Arguments> routes() {
        return Stream.of(
                route("GET detail", r -> r.get("/api/v1/images/" + imageId)),
                route("PATCH", r -> r.contentType("application/merge-patch+json").body("{\"name\":\"stolen\"}")
                        .patch("/api/v1/images/" + imageId)),
                route("DELETE to trash", r -> r.delete("/api/v1/images/" + imageId)),
                route("DELETE permanent", r -> r.queryParam("permanent", true).delete("/api/v1/images/" + imageId)),
                route("POST restore", r -> r.post("/api/v1/images/" + imageId + "/restore")),
                route("GET content", r -> r.redirects().follow(false).get("/api/v1/images/" + imageId + "/content")),
                route("POST download", r -> r.post("/api/v1/images/" + imageId + "/download")),
                route("POST zip", r -> r.contentType(ContentType.JSON).body(Map.of("ids", List.of(imageId)))
                        .post("/api/v1/images/download")),
                route("POST share", r -> r.contentType(ContentType.JSON).body(Map.of("expiresIn", "PT1H"))
                        .post("/api/v1/images/" + imageId + "/shares")),
                route("GET shares", r -> r.get("/api/v1/images/" + imageId + "/shares")),
                route("DELETE share", r -> r.delete("/api/v1/images/" + imageId + "/shares/" + shareId)));
    }

    private static Arguments route(String name, Function<RequestSpecification, Response> call) {
        return Arguments.of(name, call);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void anotherUsersIdIsNotFoundAndChangesNothing(String name, Function<RequestSpecification, Response> call) {
        String unknownBody = call.apply(given().auth().oauth2(token(INTRUDER)))
                .then().statusCode(404).contentType("application/problem+json").extract().path("title");

        assertEquals("Not found", unknownBody, name);
        given().auth().oauth2(token(OWNER)).get("/api/v1/images/{id}", imageId)
                .then().statusCode(200).body("name", equalTo("Mine"));
        given().auth().oauth2(token(OWNER)).get("/api/v1/images/{id}/shares", imageId)
                .then().statusCode(200).body("items.size()", equalTo(1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void theIntrudersOwnListsStayEmpty(String name, Function<RequestSpecification, Response> call) {
        call.apply(given().auth().oauth2(token(INTRUDER)));

        List<Object> images = given().auth().oauth2(token(INTRUDER)).get("/api/v1/images")
                .then().statusCode(200).extract().path("items");
        List<Object> trash = given().auth().oauth2(token(INTRUDER)).get("/api/v1/trash")
                .then().statusCode(200).extract().path("items");
        assertFalse(images.size() + trash.size() > 0, name + " leaked into the intruder's lists");
    }
}
