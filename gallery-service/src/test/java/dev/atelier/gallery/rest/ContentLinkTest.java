package dev.atelier.gallery.rest;

import static dev.atelier.gallery.GalleryFixtures.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
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
import java.util.UUID;

import javax.imageio.ImageIO;

import jakarta.inject.Inject;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import dev.atelier.gallery.GalleryFixtures;
import dev.atelier.problem.Problem;
import dev.atelier.testinfra.RealInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * {@code Accept: application/json} on the content route gives the presigned URL as data, for browsers whose
 * {@code <img>} cannot send the bearer token; every other Accept keeps the redirect.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfraResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealInfraResource.DATABASE, value = "gallery"))
class ContentLinkTest {

    @Inject
    GalleryFixtures fixtures;

    @TestHTTPResource("/")
    URI base;

    @Test
    void askingForJsonGivesThePresignedUrlOfEachVariantWhichServesItsBytesWithoutAToken() throws Exception {
        UUID owner = UUID.randomUUID();
        UUID imageId = image(owner);

        for (String variant : new String[] { "thumb", "original" }) {
            Instant before = Instant.now();
            JsonPath link = given().auth().oauth2(token(owner)).accept("application/json")
                    .when().get("/api/v1/images/{id}/content?variant={variant}", imageId, variant)
                    .then().statusCode(200).contentType("application/json")
                    .header("Cache-Control", equalTo("private, max-age=240"))
                    .header("Vary", containsString("Accept"))
                    .body("url", startsWith("http"))
                    .body("url", containsString("X-Amz-Expires=300"))
                    .extract().jsonPath();
            Instant expiresAt = Instant.parse(link.getString("expiresAt"));
            assertTrue(!expiresAt.isBefore(before.plusSeconds(299)) && !expiresAt.isAfter(Instant.now().plusSeconds(301)),
                    "expires in 5 minutes: " + expiresAt);

            HttpResponse<byte[]> object = fetch(link.getString("url"));
            assertEquals(200, object.statusCode());
            assertEquals("image/png", object.headers().firstValue("Content-Type").orElse(null));
            BufferedImage png = ImageIO.read(new ByteArrayInputStream(object.body()));
            assertNotNull(png, variant + " decodes");
            assertEquals("thumb".equals(variant) ? GalleryFixtures.THUMB_WIDTH : GalleryFixtures.ORIGINAL_WIDTH,
                    png.getWidth());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8", "*/*",
            "application/octet-stream" })
    void browsersAndOtherClientsStillGetTheRedirect(String accept) {
        UUID owner = UUID.randomUUID();
        UUID imageId = image(owner);

        given().auth().oauth2(token(owner)).header("Accept", accept).redirects().follow(false)
                .when().get("/api/v1/images/{id}/content?variant=thumb", imageId)
                .then().statusCode(302)
                .header("Location", containsString("X-Amz-Signature="))
                .header("Vary", containsString("Accept"));
    }

    @Test
    void withoutAnAcceptHeaderItIsTheRedirect() throws Exception {
        UUID owner = UUID.randomUUID();
        UUID imageId = image(owner);

        // java.net.http sends no Accept header of its own (RestAssured would send */*).
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                base.resolve("/api/v1/images/" + imageId + "/content")).header("Authorization", "Bearer " + token(owner))
                .GET().build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(302, response.statusCode());
        assertTrue(response.headers().firstValue("Location").orElse("").contains("X-Amz-Signature="));
    }

    @Test
    void anotherUsersOrATrashedImageIsTheSame404AndAnUnknownVariantA400() {
        UUID owner = UUID.randomUUID();
        UUID imageId = image(owner);

        String foreign = given().auth().oauth2(token(UUID.randomUUID())).accept("application/json")
                .when().get("/api/v1/images/{id}/content?variant=thumb", imageId)
                .then().statusCode(404).contentType(Problem.MEDIA_TYPE).extract().path("title");
        given().auth().oauth2(token(owner)).accept("application/json")
                .when().get("/api/v1/images/{id}/content?variant=huge", imageId)
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE).body("errors[0].field", equalTo("variant"));

        given().auth().oauth2(token(owner)).when().delete("/api/v1/images/{id}", imageId).then().statusCode(204);
        given().auth().oauth2(token(owner)).accept("application/json")
                .when().get("/api/v1/images/{id}/content?variant=thumb", imageId)
                .then().statusCode(404).contentType(Problem.MEDIA_TYPE).body("title", equalTo(foreign));
    }

    @Test
    void withoutATokenItIsUnauthorized() {
        given().accept("application/json").when().get("/api/v1/images/{id}/content", UUID.randomUUID())
                .then().statusCode(401);
    }

    private UUID image(UUID owner) {
        return fixtures.publishAndAwait(fixtures.completedJob(owner, "Moon", "the moon", 1)).images().get(0)
                .imageId();
    }

    private static HttpResponse<byte[]> fetch(String url) throws IOException, InterruptedException {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                .send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
