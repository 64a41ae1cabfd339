package dev.atelier.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/** The Foundation flow, end to end through the gateway, for two users. */
class GenerationFlowIT {
    @BeforeAll
    static void stack() {
        RunningStack.get();
    }

    @Test
    void aUserGeneratesTwoImagesAndOnlyTheyCanSeeThem() throws Exception {
        Users alice = Users.signUp("Alice");
        Users bob = Users.signUp("Bob");

        String jobId = given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                .body(Map.of("prompt", "a lighthouse on a cliff at dusk", "style", "realistic", "count", 2))
                .when().post("/api/v1/generations")
                .then().statusCode(202)
                .body("status", equalTo("queued"))
                .body("cost", notNullValue())
                .extract().path("id");

        List<String> statuses = new ArrayList<>();
        ExtractableResponse<Response> job = Jobs.awaitTerminal(alice, jobId, statuses);
        assertEquals("succeeded", job.path("status"), "statuses seen: " + statuses);
        List<String> imageIds = job.path("imageIds");
        assertEquals(2, imageIds.size());

        List<String> listed = Jobs.awaitGallery(alice, 2);
        assertTrue(listed.containsAll(imageIds), listed + " vs " + imageIds);

        String imageId = imageIds.get(0);
        given().header("Authorization", alice.bearer()).when().get("/api/v1/images/" + imageId)
                .then().statusCode(200).body("id", equalTo(imageId)).body("style", equalTo("realistic"));

        BufferedImage thumb = download(alice, imageId, "thumb");
        assertTrue(Math.max(thumb.getWidth(), thumb.getHeight()) <= 256, "thumb is small");
        BufferedImage original = download(alice, imageId, "original");
        assertEquals(1024, original.getWidth());

        // Bob sees nothing of Alice's: an empty list and 404s that look like any unknown id.
        given().header("Authorization", bob.bearer()).when().get("/api/v1/images")
                .then().statusCode(200).body("items", empty());
        given().header("Authorization", bob.bearer()).when().get("/api/v1/images/" + imageId)
                .then().statusCode(404).contentType("application/problem+json");
        given().header("Authorization", bob.bearer()).redirects().follow(false)
                .when().get("/api/v1/images/" + imageId + "/content?variant=original")
                .then().statusCode(404);
        given().header("Authorization", bob.bearer()).when().get("/api/v1/generations/" + jobId)
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void signInReturnsATokenTheOtherServicesAccept() {
        Users carol = Users.signUp("Carol");

        String token = given().contentType(ContentType.JSON)
                .body(Map.of("email", carol.email().toUpperCase(), "password", carol.password()))
                .when().post("/api/v1/auth/signin")
                .then().statusCode(200).extract().path("accessToken");

        given().header("Authorization", "Bearer " + token).when().get("/api/v1/images")
                .then().statusCode(200).body("items", empty());
        given().when().get("/.well-known/jwks.json").then().statusCode(200).body("keys", hasSize(1));
    }

    @Test
    void badInputAndMissingTokensAreProblemsNotErrors() {
        Users dave = Users.signUp("Dave");

        given().header("Authorization", dave.bearer()).contentType(ContentType.JSON).body("{\"prompt\": ")
                .when().post("/api/v1/generations")
                .then().statusCode(400).contentType("application/problem+json");
        given().header("Authorization", dave.bearer()).contentType(ContentType.JSON)
                .body(Map.of("prompt", "a cat", "style", "cubist"))
                .when().post("/api/v1/generations")
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("style"));
        given().contentType(ContentType.JSON).body(Map.of("prompt", "a cat", "style", "minimal"))
                .when().post("/api/v1/generations")
                .then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", "Bearer not-a-token").when().get("/api/v1/images")
                .then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", dave.bearer()).when().get("/api/v1/generations?limit=1")
                .then().statusCode(200);
    }

    /** Follows the content route like a browser: the gateway answers, then the (presigned) location. */
    private static BufferedImage download(Users user, String imageId, String variant)
            throws IOException, InterruptedException {
        Response content = given().header("Authorization", user.bearer()).redirects().follow(false)
                .when().get("/api/v1/images/" + imageId + "/content?variant=" + variant);
        byte[] bytes;
        if (content.statusCode() == 302) {
            String location = content.header("Location");
            HttpResponse<byte[]> fetched = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(location)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, fetched.statusCode());
            // The local provider's originals are PNG; the worker's medium and thumb are JPEG.
            assertEquals("original".equals(variant) ? "image/png" : "image/jpeg",
                    fetched.headers().firstValue("Content-Type").orElse(""));
            bytes = fetched.body();
        } else {
            assertEquals(200, content.statusCode());
            bytes = content.asByteArray();
        }
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
        assertNotNull(image, "bytes decode as an image");
        return image;
    }
}
