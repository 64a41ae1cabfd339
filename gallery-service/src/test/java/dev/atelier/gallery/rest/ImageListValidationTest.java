package dev.atelier.gallery.rest;

import static dev.atelier.gallery.GalleryFixtures.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.Instant;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.atelier.gallery.domain.PageCursor;
import dev.atelier.problem.Problem;
import dev.atelier.testinfra.RealInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = RealInfraResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealInfraResource.DATABASE, value = "gallery"))
class ImageListValidationTest {

    static Stream<Arguments> invalidParameters() {
        return Stream.of(
                Arguments.of("page", "0"),
                Arguments.of("page", "501"),
                Arguments.of("page", "two"),
                Arguments.of("page", "-1"),
                Arguments.of("q", "a".repeat(201)),
                Arguments.of("q", "?!*"),
                Arguments.of("q", "sea\u0000side"),
                Arguments.of("name", "b".repeat(201)),
                Arguments.of("name", "%%"),
                Arguments.of("prompt", "line\nbreak"),
                Arguments.of("style", "cubist"),
                Arguments.of("emotion", "angry"),
                Arguments.of("tag", "t".repeat(41)),
                Arguments.of("tag", "bell\u0007"),
                Arguments.of("favorite", "yes"),
                Arguments.of("favorite", "1"),
                Arguments.of("from", "yesterday"),
                Arguments.of("from", "2026-13-01"),
                Arguments.of("from", "2026-02-30"),
                Arguments.of("from", "0000-01-01"),
                Arguments.of("to", "03/01/2026"),
                Arguments.of("to", "2026-03-01T25:00:00Z"),
                Arguments.of("to", "+10000-01-01T00:00:00Z"),
                Arguments.of("sort", "random"),
                Arguments.of("sort", "relevance"),
                Arguments.of("cursor", "not-a-cursor"),
                Arguments.of("limit", "1000"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("invalidParameters")
    void invalidValueIsRejectedNamingTheParameter(String parameter, String value) {
        given().auth().oauth2(token(UUID.randomUUID())).queryParam(parameter, value)
                .when().get("/api/v1/images")
                .then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("status", equalTo(400))
                .body("errors.field", contains(parameter))
                .body("detail", startsWith(parameter + ": "));
    }

    @Test
    void fromAfterToIsRejected() {
        given().auth().oauth2(token(UUID.randomUUID()))
                .queryParam("from", "2026-03-02").queryParam("to", "2026-03-01")
                .when().get("/api/v1/images")
                .then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors.field", contains("from"))
                .body("errors.message", contains("must not be after to"));
    }

    @Test
    void moreTagsThanAnImageCanHaveAreRejected() {
        var request = given().auth().oauth2(token(UUID.randomUUID()));
        IntStream.range(0, 21).forEach(index -> request.queryParam("tag", "tag" + index));

        request.when().get("/api/v1/images")
                .then().statusCode(400)
                .body("errors.field", contains("tag"));
    }

    @Test
    void pageAndCursorTogetherAreRejected() {
        UUID owner = UUID.randomUUID();
        String cursor = new PageCursor(Instant.now(), UUID.randomUUID()).encode();

        given().auth().oauth2(token(owner)).queryParam("page", 2).queryParam("cursor", cursor)
                .when().get("/api/v1/images")
                .then().statusCode(400)
                .body("errors.field", contains("page"));
    }

    @Test
    void everyInvalidParameterIsNamedInOneAnswer() {
        given().auth().oauth2(token(UUID.randomUUID()))
                .queryParam("style", "cubist").queryParam("favorite", "maybe").queryParam("limit", 0)
                .queryParam("from", "soon")
                .when().get("/api/v1/images")
                .then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors.field", containsInAnyOrder("style", "favorite", "limit", "from"));
    }

    @Test
    void blankParametersCountAsAbsent() {
        given().auth().oauth2(token(UUID.randomUUID()))
                .queryParam("q", " ").queryParam("style", "").queryParam("tag", "").queryParam("from", "")
                .queryParam("sort", "")
                .when().get("/api/v1/images")
                .then().statusCode(200);
    }

    @Test
    void anOffsetThatArrivedAsASpaceIsReadAsPlus() {
        given().auth().oauth2(token(UUID.randomUUID()))
                .queryParam("from", "2026-03-01T13:00:00 01:00")
                .when().get("/api/v1/images")
                .then().statusCode(200);
    }
}
