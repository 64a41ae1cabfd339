package dev.atelier.gallery.rest;

import static dev.atelier.gallery.GalleryFixtures.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.ByteArrayInputStream;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.atelier.events.GenerationCompleted;
import dev.atelier.gallery.GalleryFixtures;
import dev.atelier.testinfra.RealInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** With {@code atelier.gallery.content.delivery=stream} the service sends the bytes itself instead of a redirect. */
@QuarkusTest
@TestProfile(StreamedContentTest.Streaming.class)
@QuarkusTestResource(value = RealInfraResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealInfraResource.DATABASE, value = "gallery"))
class StreamedContentTest {
    public static class Streaming implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // A chunk smaller than the image, so the stream really takes several reads.
            return Map.of("atelier.gallery.content.delivery", "stream",
                    "atelier.gallery.content.stream-chunk-bytes", "100");
        }
    }

    @Inject
    GalleryFixtures gallery;

    @Test
    void theOwnerGetsTheBytesWithTheirTypeAndName() throws Exception {
        UUID owner = UUID.randomUUID();
        GenerationCompleted job = gallery.publishAndAwait(gallery.completedJob(owner, "Streamed", "a stream", 1));
        UUID imageId = job.images().get(0).imageId();

        byte[] bytes = given().auth().oauth2(token(owner)).redirects().follow(false)
                .get("/api/v1/images/{id}/content?variant=original", imageId)
                .then().statusCode(200).contentType("image/png")
                .header("Content-Disposition", equalTo("inline; filename=\"" + imageId + "-original.png\""))
                .extract().asByteArray();

        assertEquals(job.images().get(0).bytes(), bytes.length);
        assertNotNull(ImageIO.read(new ByteArrayInputStream(bytes)), "decodes as an image");
    }

    @Test
    void anotherUserStillGetsNotFoundAndABadVariantIsRefused() {
        UUID owner = UUID.randomUUID();
        UUID imageId = gallery.publishAndAwait(gallery.completedJob(owner, "Private", "mine", 1)).images().get(0)
                .imageId();

        given().auth().oauth2(token(UUID.randomUUID())).get("/api/v1/images/{id}/content", imageId)
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(token(owner)).get("/api/v1/images/{id}/content?variant=huge", imageId)
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void askingForALinkIsNotAcceptableSinceThereIsNoUrlWithoutTheToken() {
        UUID owner = UUID.randomUUID();
        UUID imageId = gallery.publishAndAwait(gallery.completedJob(owner, "Linked", "a link", 1)).images().get(0)
                .imageId();

        given().auth().oauth2(token(owner)).accept("application/json")
                .get("/api/v1/images/{id}/content?variant=thumb", imageId)
                .then().statusCode(406).contentType("application/problem+json")
                .body("type", equalTo("urn:problem:atelier:not-acceptable"));
        given().auth().oauth2(token(UUID.randomUUID()))
                .accept("application/json").get("/api/v1/images/{id}/content", imageId)
                .then().statusCode(404);
    }
}
