package dev.atelier.gallery.rest;

import static dev.atelier.gallery.GalleryFixtures.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.atelier.events.GeneratedImage;
import dev.atelier.events.GenerationCompleted;
import dev.atelier.gallery.GalleryFixtures;
import dev.atelier.problem.Problem;
import dev.atelier.testinfra.RealInfraResource;
import dev.atelier.testinfra.TestJwt;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

@QuarkusTest
@QuarkusTestResource(value = RealInfraResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealInfraResource.DATABASE, value = "gallery"))
class ImageResourceTest {

    @Inject
    GalleryFixtures fixtures;

    @Test
    void ownersListShowsTheGeneratedImagesNewestFirst() {
        UUID owner = UUID.randomUUID();
        GenerationCompleted job = fixtures.publishAndAwait(
                fixtures.completedJob(owner, "Harbour at dusk", "a harbour at dusk", 2));
        UUID first = job.images().get(0).imageId();
        UUID second = job.images().get(1).imageId();

        given().auth().oauth2(token(owner))
                .when().get("/api/v1/images")
                .then().statusCode(200)
                .body("items.id", contains(second.toString(), first.toString()))
                .body("items.name", contains("Harbour at dusk (2)", "Harbour at dusk"))
                .body("items[0].thumbUrl", equalTo("/api/v1/images/" + second + "/content?variant=thumb"))
                .body("items[0].prompt", equalTo("a harbour at dusk"))
                .body("items[0].style", equalTo("artistic"))
                .body("items[0].emotion", equalTo("calm"))
                .body("items[0].tags", empty())
                .body("items[0].favorite", is(false))
                .body("items[0].width", equalTo(GalleryFixtures.ORIGINAL_WIDTH))
                .body("items[0].height", equalTo(GalleryFixtures.ORIGINAL_HEIGHT))
                .body("items[0].format", equalTo("png"))
                .body("items[0]", not(hasKey("userId")))
                .body("nextCursor", nullValue());

        List<Map<String, Object>> items = fixtures.list(owner);
        Instant newer = Instant.parse((String) items.get(0).get("createdAt"));
        Instant older = Instant.parse((String) items.get(1).get("createdAt"));
        assertTrue(newer.isAfter(older), "newest first: " + newer + " then " + older);
    }

    @Test
    void detailShowsTheImageWithItsVariants() {
        UUID owner = UUID.randomUUID();
        GenerationCompleted job = fixtures.publishAndAwait(fixtures.completedJob(owner, "Fox", "a red fox", 1));
        GeneratedImage image = job.images().get(0);

        given().auth().oauth2(token(owner))
                .when().get("/api/v1/images/{id}", image.imageId())
                .then().statusCode(200)
                .body("id", equalTo(image.imageId().toString()))
                .body("name", equalTo("Fox"))
                .body("source", equalTo("generated"))
                .body("jobId", equalTo(job.jobId().toString()))
                .body("bytes", equalTo((int) image.bytes()))
                .body("metadata.provider", equalTo("local"))
                .body("metadata.model", equalTo("procedural-v1"))
                .body("metadata.seed", equalTo(42))
                .body("variants.thumb", equalTo("/api/v1/images/" + image.imageId() + "/content?variant=thumb"))
                .body("variants.original", equalTo("/api/v1/images/" + image.imageId() + "/content?variant=original"))
                .body("variants", not(hasKey("medium")))
                .body("thumbUrl", equalTo("/api/v1/images/" + image.imageId() + "/content?variant=thumb"));
    }

    @Test
    void thumbContentRedirectsToAShortLivedUrlServingThePng() throws IOException, InterruptedException {
        UUID owner = UUID.randomUUID();
        UUID imageId = fixtures.publishAndAwait(fixtures.completedJob(owner, "Moon", "the moon", 1))
                .images().get(0).imageId();

        Response redirect = given().auth().oauth2(token(owner)).redirects().follow(false)
                .when().get("/api/v1/images/{id}/content?variant=thumb", imageId);
        redirect.then().statusCode(302)
                .header("Location", startsWith("http"))
                .header("Location", containsString("X-Amz-Expires=300"))
                .header("Cache-Control", equalTo("private, max-age=240"));

        HttpResponse<byte[]> object = fetch(redirect.header("Location"));
        assertEquals(200, object.statusCode());
        assertEquals("image/png", object.headers().firstValue("Content-Type").orElse(null));
        assertEquals("inline; filename=\"" + imageId + "-thumb.png\"",
                object.headers().firstValue("Content-Disposition").orElse(null));
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(object.body()));
        assertNotNull(png, "the presigned URL serves a decodable image");
        assertEquals(GalleryFixtures.THUMB_WIDTH, png.getWidth());
        assertEquals(GalleryFixtures.THUMB_HEIGHT, png.getHeight());
    }

    @Test
    void contentWithoutVariantRedirectsToTheOriginal() throws IOException, InterruptedException {
        UUID owner = UUID.randomUUID();
        UUID imageId = fixtures.publishAndAwait(fixtures.completedJob(owner, "Sea", "the sea", 1))
                .images().get(0).imageId();

        String location = given().auth().oauth2(token(owner)).redirects().follow(false)
                .when().get("/api/v1/images/{id}/content", imageId)
                .then().statusCode(302).extract().header("Location");

        BufferedImage png = ImageIO.read(new ByteArrayInputStream(fetch(location).body()));
        assertEquals(GalleryFixtures.ORIGINAL_WIDTH, png.getWidth());
        assertEquals(GalleryFixtures.ORIGINAL_HEIGHT, png.getHeight());
    }

    @Test
    void variantThatIsNotStoredIsNotFound() {
        UUID owner = UUID.randomUUID();
        UUID imageId = fixtures.publishAndAwait(fixtures.completedJob(owner, "Owl", "an owl", 1))
                .images().get(0).imageId();

        given().auth().oauth2(token(owner)).redirects().follow(false)
                .when().get("/api/v1/images/{id}/content?variant=medium", imageId)
                .then().statusCode(404)
                .contentType(Problem.MEDIA_TYPE)
                .body("status", equalTo(404));
    }

    @Test
    void anotherUserSeesAnEmptyListAndNotFound() {
        UUID owner = UUID.randomUUID();
        UUID stranger = UUID.randomUUID();
        UUID imageId = fixtures.publishAndAwait(fixtures.completedJob(owner, "Cat", "a cat", 2))
                .images().get(0).imageId();
        UUID unknownId = UUID.randomUUID();

        given().auth().oauth2(token(stranger))
                .when().get("/api/v1/images")
                .then().statusCode(200)
                .body("items", empty())
                .body("nextCursor", nullValue());

        String othersImage = given().auth().oauth2(token(stranger))
                .when().get("/api/v1/images/{id}", imageId)
                .then().statusCode(404).contentType(Problem.MEDIA_TYPE)
                .extract().asString();
        String unknownImage = given().auth().oauth2(token(stranger))
                .when().get("/api/v1/images/{id}", unknownId)
                .then().statusCode(404).contentType(Problem.MEDIA_TYPE)
                .extract().asString();
        // Nothing tells "someone else's" from "does not exist": the bodies differ only by the id asked for.
        assertEquals(unknownImage.replace(unknownId.toString(), "ID"), othersImage.replace(imageId.toString(), "ID"));

        given().auth().oauth2(token(stranger)).redirects().follow(false)
                .when().get("/api/v1/images/{id}/content?variant=thumb", imageId)
                .then().statusCode(404).contentType(Problem.MEDIA_TYPE)
                .header("Location", nullValue());
    }

    @Test
    void limitOneWalksEveryImageOnceInOrder() {
        UUID owner = UUID.randomUUID();
        fixtures.publishAndAwait(fixtures.completedJob(owner, "Older", "older", 2));
        fixtures.publishAndAwait(fixtures.completedJob(owner, "Newer", "newer", 3));
        List<Object> expected = fixtures.list(owner).stream().map(item -> item.get("id")).toList();
        assertEquals(5, expected.size());

        List<Object> walked = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().auth().oauth2(token(owner)).queryParam("limit", 1);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.when().get("/api/v1/images").then().statusCode(200).extract().jsonPath();
            walked.addAll(page.getList("items.id"));
            assertEquals(1, page.getList("items").size());
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null && pages <= expected.size());

        assertEquals(expected, walked);
        assertEquals(expected.size(), new HashSet<>(walked).size());
        assertEquals(expected.size(), pages, "the last page has no next cursor");
    }

    @Test
    void defaultPageHasTwentyItemsAndACursor() {
        UUID owner = UUID.randomUUID();
        for (int job = 0; job < 6; job++) {
            fixtures.publishAndAwait(fixtures.completedJob(owner, "Job " + job, "prompt", 4));
        }

        JsonPath first = given().auth().oauth2(token(owner))
                .when().get("/api/v1/images").then().statusCode(200).extract().jsonPath();
        assertEquals(20, first.getList("items").size());
        assertNotNull(first.getString("nextCursor"));

        given().auth().oauth2(token(owner)).queryParam("cursor", first.getString("nextCursor"))
                .when().get("/api/v1/images")
                .then().statusCode(200)
                .body("items.size()", equalTo(4))
                .body("nextCursor", nullValue());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({ "limit, 0", "limit, 51", "limit, abc", "limit, -1", "cursor, garbage", "cursor, AAAA" })
    void invalidPagingIsRejectedNamingTheParameter(String parameter, String value) {
        given().auth().oauth2(token(UUID.randomUUID())).queryParam(parameter, value)
                .when().get("/api/v1/images")
                .then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("status", equalTo(400))
                .body("errors.field", contains(parameter));
    }

    @Test
    void unknownVariantIsRejectedNamingTheParameter() {
        given().auth().oauth2(token(UUID.randomUUID())).redirects().follow(false)
                .when().get("/api/v1/images/{id}/content?variant=huge", UUID.randomUUID())
                .then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors.field", contains("variant"))
                .body("detail", startsWith("variant: must be one of thumb, medium, original"));
    }

    @Test
    void malformedImageIdIsNotFound() {
        given().auth().oauth2(token(UUID.randomUUID()))
                .when().get("/api/v1/images/not-a-uuid")
                .then().statusCode(404)
                .contentType(Problem.MEDIA_TYPE);
    }

    @ParameterizedTest
    @CsvSource({ "/api/v1/images", "/api/v1/images/00000000-0000-0000-0000-000000000001",
            "/api/v1/images/00000000-0000-0000-0000-000000000001/content" })
    void requestsWithoutATokenAreUnauthorized(String path) {
        given().redirects().follow(false)
                .when().get(path)
                .then().statusCode(401)
                .contentType(Problem.MEDIA_TYPE)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("status", equalTo(401));
    }

    @Test
    void tokenFromAnotherIssuerIsUnauthorized() {
        String forged = TestJwt.sign(UUID.randomUUID(), "someone-else", TestJwt.AUDIENCE, Instant.now(),
                Duration.ofMinutes(5));
        given().auth().oauth2(forged)
                .when().get("/api/v1/images")
                .then().statusCode(401)
                .contentType(Problem.MEDIA_TYPE);
    }

    private static HttpResponse<byte[]> fetch(String url) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        return client.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }
}
