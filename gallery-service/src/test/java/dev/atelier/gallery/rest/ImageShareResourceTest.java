package dev.atelier.gallery.rest;

import static dev.atelier.gallery.GalleryFixtures.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.atelier.gallery.TestImages;
import dev.atelier.gallery.UploadFixtures;
import dev.atelier.gallery.domain.ShareTokens;
import dev.atelier.problem.Problem;
import dev.atelier.testinfra.RealInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

@QuarkusTest
@QuarkusTestResource(value = RealInfraResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealInfraResource.DATABASE, value = "gallery"))
class ImageShareResourceTest {
    private static final String TOKEN_URL = "/api/v1/shares/[A-Za-z0-9_-]{43}";

    @Inject
    UploadFixtures uploads;

    @Test
    void aShareLinkRedirectsAnyoneToTheMediumImage() throws IOException, InterruptedException {
        UUID owner = UUID.randomUUID();
        UUID image = uploads.uploaded(owner, "big.png", TestImages.png(2000, 1000), "image/png");
        Instant before = Instant.now();

        Response created = given().auth().oauth2(token(owner))
                .contentType("application/json").body(Map.of("expiresIn", "PT2H"))
                .when().post("/api/v1/images/{id}/shares", image);

        created.then().statusCode(201)
                .body("url", matchesPattern(TOKEN_URL))
                .header("Location", matchesPattern("(https?://[^/]+)?" + TOKEN_URL));
        String url = created.path("url");
        Instant expiresAt = Instant.parse(created.path("expiresAt"));
        assertTrue(!expiresAt.isBefore(before.plus(Duration.ofHours(2)))
                && expiresAt.isBefore(Instant.now().plus(Duration.ofHours(2)).plusSeconds(1)), "in 2 h: " + expiresAt);
        String token = url.substring(url.lastIndexOf('/') + 1);
        String stored = uploads.query("select token_hash from shares where id = $1",
                UUID.fromString(created.path("id"))).iterator().next().getString(0);
        assertEquals(ShareTokens.hash(token), stored, "only the hash is stored");
        assertNotEquals(token, stored);

        String location = given().redirects().follow(false)
                .when().get(url)
                .then().statusCode(302)
                .header("Cache-Control", equalTo("no-store"))
                .header("Location", startsWith("http"))
                .extract().header("Location");
        HttpResponse<byte[]> object = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(location)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, object.statusCode());
        assertEquals("image/png", object.headers().firstValue("Content-Type").orElse(null));
        BufferedImage medium = TestImages.decode(object.body());
        assertEquals("1024x512", medium.getWidth() + "x" + medium.getHeight());
    }

    @Test
    void aSmallImageIsSharedAsItsOriginalAndSecondsAreAccepted() {
        UUID owner = UUID.randomUUID();
        UUID image = uploads.uploaded(owner, "small.png", TestImages.png(100, 80), "image/png");

        String url = given().auth().oauth2(token(owner))
                .contentType("application/json").body("{\"expiresIn\": 3600}")
                .when().post("/api/v1/images/{id}/shares", image)
                .then().statusCode(201).extract().path("url");

        given().redirects().follow(false).when().get(url)
                .then().statusCode(302)
                .header("Location", matchesPattern(".*/original\\.png\\?.*"));
    }

    @Test
    void anExpiredRevokedOrUnknownLinkIsTheSame404() {
        UUID owner = UUID.randomUUID();
        UUID image = uploads.uploaded(owner, "s.png", TestImages.png(40, 40), "image/png");
        JsonPath expired = share(owner, image, "PT1M");
        JsonPath revoked = share(owner, image, "P1D");
        String unknown = "/api/v1/shares/" + ShareTokens.generate(32);
        uploads.query("update shares set created_at = now() - interval '2 minutes', "
                + "expires_at = now() - interval '1 second' where id = $1", UUID.fromString(expired.getString("id")));
        given().redirects().follow(false).when().get(revoked.getString("url")).then().statusCode(302);

        given().auth().oauth2(token(owner))
                .when().delete("/api/v1/images/{id}/shares/{shareId}", image, revoked.getString("id"))
                .then().statusCode(204);

        String expiredBody = notFound(expired.getString("url"));
        String revokedBody = notFound(revoked.getString("url"));
        String unknownBody = notFound(unknown);
        // Only the path (which holds the token) differs.
        assertEquals(withoutInstance(unknownBody), withoutInstance(expiredBody));
        assertEquals(withoutInstance(unknownBody), withoutInstance(revokedBody));
        notFound("/api/v1/shares/not-a-token!");
    }

    @Test
    void theListShowsOnlyWorkingSharesNewestFirst() {
        UUID owner = UUID.randomUUID();
        UUID image = uploads.uploaded(owner, "l.png", TestImages.png(40, 40), "image/png");
        String first = share(owner, image, "P1D").getString("id");
        String second = share(owner, image, "P2D").getString("id");
        String revoked = share(owner, image, "P3D").getString("id");
        given().auth().oauth2(token(owner))
                .when().delete("/api/v1/images/{id}/shares/{shareId}", image, revoked)
                .then().statusCode(204);

        given().auth().oauth2(token(owner))
                .when().get("/api/v1/images/{id}/shares", image)
                .then().statusCode(200)
                .body("items.id", contains(second, first))
                .body("items[0].expiresAt", matchesPattern("\\d{4}-.*Z"))
                .body("items[0].url", equalTo(null));

        // Revoking twice is harmless.
        given().auth().oauth2(token(owner))
                .when().delete("/api/v1/images/{id}/shares/{shareId}", image, revoked)
                .then().statusCode(204);
    }

    @Test
    void anotherUsersImageIsNotFoundForEveryShareRoute() {
        UUID owner = UUID.randomUUID();
        UUID stranger = UUID.randomUUID();
        UUID image = uploads.uploaded(owner, "o.png", TestImages.png(40, 40), "image/png");
        String shareId = share(owner, image, "P1D").getString("id");

        given().auth().oauth2(token(stranger))
                .contentType("application/json").body(Map.of("expiresIn", "P1D"))
                .when().post("/api/v1/images/{id}/shares", image)
                .then().statusCode(404).contentType(Problem.MEDIA_TYPE);
        given().auth().oauth2(token(stranger))
                .when().get("/api/v1/images/{id}/shares", image)
                .then().statusCode(404).contentType(Problem.MEDIA_TYPE);
        given().auth().oauth2(token(stranger))
                .when().delete("/api/v1/images/{id}/shares/{shareId}", image, shareId)
                .then().statusCode(404).contentType(Problem.MEDIA_TYPE);
        // The stranger's own image does not give access to the owner's share either.
        UUID strangersImage = uploads.uploaded(stranger, "s.png", TestImages.png(40, 40), "image/png");
        given().auth().oauth2(token(stranger))
                .when().delete("/api/v1/images/{id}/shares/{shareId}", strangersImage, shareId)
                .then().statusCode(404);

        assertEquals(1, uploads.query("select count(*) from shares where image_id = $1", image).iterator().next()
                .getLong(0), "no share was created for the stranger");
        given().auth().oauth2(token(owner))
                .when().get("/api/v1/images/{id}/shares", image)
                .then().statusCode(200).body("items.id", contains(shareId));
    }

    @Test
    void aShareOfAnImageInTheTrashStopsWorking() {
        UUID owner = UUID.randomUUID();
        UUID image = uploads.uploaded(owner, "t.png", TestImages.png(40, 40), "image/png");
        String url = share(owner, image, "P1D").getString("url");

        uploads.query("update images set deleted_at = now() where id = $1", image);

        notFound(url);
    }

    @ParameterizedTest
    @ValueSource(strings = { "PT59S", "59", "P31D", "2592001", "soon", "-60", "PT-5M", "1.5" })
    void anExpiryOutsideOneMinuteToThirtyDaysIsRejectedNamingTheField(String expiresIn) {
        UUID owner = UUID.randomUUID();
        UUID image = uploads.uploaded(owner, "e.png", TestImages.png(20, 20), "image/png");

        given().auth().oauth2(token(owner))
                .contentType("application/json").body(Map.of("expiresIn", expiresIn))
                .when().post("/api/v1/images/{id}/shares", image)
                .then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors.field", contains("expiresIn"));

        given().auth().oauth2(token(owner))
                .when().get("/api/v1/images/{id}/shares", image)
                .then().statusCode(200).body("items", empty());
    }

    @Test
    void theBoundsThemselvesAreAccepted() {
        UUID owner = UUID.randomUUID();
        UUID image = uploads.uploaded(owner, "b.png", TestImages.png(20, 20), "image/png");

        share(owner, image, "PT1M");
        share(owner, image, "P30D");
        share(owner, image, "2592000");
    }

    @Test
    void withoutABodyTheLinkLastsSevenDays() {
        UUID owner = UUID.randomUUID();
        UUID image = uploads.uploaded(owner, "d.png", TestImages.png(20, 20), "image/png");

        Instant expiresAt = Instant.parse(given().auth().oauth2(token(owner))
                .contentType("application/json")
                .when().post("/api/v1/images/{id}/shares", image)
                .then().statusCode(201).extract().path("expiresAt"));

        Duration left = Duration.between(Instant.now(), expiresAt);
        assertTrue(left.compareTo(Duration.ofDays(7).minusMinutes(1)) > 0 && left.compareTo(Duration.ofDays(7)) <= 0,
                "about 7 days: " + left);
    }

    @Test
    void tokensAreNotReused() {
        UUID owner = UUID.randomUUID();
        UUID image = uploads.uploaded(owner, "r.png", TestImages.png(20, 20), "image/png");

        assertNotEquals(share(owner, image, "P1D").getString("url"), share(owner, image, "P1D").getString("url"));
    }

    @Test
    void managingSharesNeedsAToken() {
        UUID image = UUID.randomUUID();
        given().contentType("application/json").body(Map.of("expiresIn", "P1D"))
                .when().post("/api/v1/images/{id}/shares", image)
                .then().statusCode(401).contentType(Problem.MEDIA_TYPE);
        given().when().get("/api/v1/images/{id}/shares", image)
                .then().statusCode(401);
        given().when().delete("/api/v1/images/{id}/shares/{shareId}", image, UUID.randomUUID())
                .then().statusCode(401);
    }

    private JsonPath share(UUID owner, UUID image, String expiresIn) {
        return given().auth().oauth2(token(owner))
                .contentType("application/json").body(Map.of("expiresIn", expiresIn))
                .when().post("/api/v1/images/{id}/shares", image)
                .then().statusCode(201).extract().jsonPath();
    }

    private static String notFound(String url) {
        String body = given().redirects().follow(false)
                .when().get(url)
                .then().statusCode(404)
                .contentType(Problem.MEDIA_TYPE)
                .header("Location", equalTo(null))
                .extract().asString();
        return body;
    }

    private static String withoutInstance(String body) {
        return body.replaceAll("\"instance\":\"[^\"]*\"", "");
    }
}
