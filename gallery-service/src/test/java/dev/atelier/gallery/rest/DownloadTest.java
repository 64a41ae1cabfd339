package dev.atelier.gallery.rest;

import static dev.atelier.gallery.GalleryFixtures.token;
import static io.restassured.RestAssured.given;
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
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import javax.imageio.ImageIO;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.atelier.events.EventMessages;
import dev.atelier.events.GenerationCompleted;
import dev.atelier.events.Topics;
import dev.atelier.gallery.GalleryFixtures;
import dev.atelier.gallery.LifecycleFixtures;
import dev.atelier.problem.Problem;
import dev.atelier.testinfra.RealInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@QuarkusTestResource(value = RealInfraResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealInfraResource.DATABASE, value = "gallery"))
class DownloadTest {
    @Inject
    GalleryFixtures gallery;
    @Inject
    LifecycleFixtures lifecycle;

    @Test
    void downloadGivesAWorkingShortLivedLinkToTheOriginalAndIsRecorded() throws IOException, InterruptedException {
        UUID owner = UUID.randomUUID();
        GenerationCompleted job = gallery.publishAndAwait(gallery.completedJob(owner, "Kite", "a kite", 1));
        UUID imageId = job.images().get(0).imageId();
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        JsonPath link = given().auth().oauth2(token(owner))
                .when().post("/api/v1/images/{id}/download", imageId)
                .then().statusCode(200).extract().jsonPath();

        Instant expiresAt = Instant.parse(link.getString("expiresAt"));
        assertTrue(!expiresAt.isBefore(before.plus(Duration.ofMinutes(5))), "valid 5 minutes: " + expiresAt);
        assertTrue(!expiresAt.isAfter(Instant.now().plus(Duration.ofMinutes(5))), "at most 5 minutes: " + expiresAt);
        HttpResponse<byte[]> object = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(link.getString("url"))).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, object.statusCode());
        assertEquals("image/png", object.headers().firstValue("Content-Type").orElse(null));
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(object.body()));
        assertNotNull(png, "the link serves a decodable image");
        assertEquals(GalleryFixtures.ORIGINAL_WIDTH, png.getWidth());
        assertEquals(GalleryFixtures.ORIGINAL_HEIGHT, png.getHeight());

        List<ConsumerRecord<String, String>> downloads = lifecycle.records(Topics.IMAGE_DOWNLOADED, owner, 1);
        ConsumerRecord<String, String> record = downloads.get(0);
        assertEquals(owner.toString(), record.key());
        assertEquals(Topics.IMAGE_DOWNLOADED, LifecycleFixtures.header(record, EventMessages.EVENT_TYPE_HEADER));
        JsonNode event = lifecycle.read(record);
        assertEquals(imageId.toString(), event.get("imageId").asText());
        assertEquals("original", event.get("variant").asText());
        assertEquals(owner.toString(), event.get("userId").asText());
    }

    @Test
    void trashedImageCannotBeDownloadedAndNothingIsRecorded() {
        UUID owner = UUID.randomUUID();
        GenerationCompleted job = gallery.publishAndAwait(gallery.completedJob(owner, "Hidden", "hidden", 2));
        UUID trashed = job.images().get(0).imageId();
        UUID live = job.images().get(1).imageId();
        given().auth().oauth2(token(owner)).when().delete("/api/v1/images/{id}", trashed).then().statusCode(204);

        given().auth().oauth2(token(owner)).when().post("/api/v1/images/{id}/download", trashed)
                .then().statusCode(404).contentType(Problem.MEDIA_TYPE);
        given().auth().oauth2(token(owner)).when().post("/api/v1/images/{id}/download", live)
                .then().statusCode(200);

        // Records of one user are published in order: the only download recorded is the live image's.
        JsonNode event = lifecycle.read(lifecycle.records(Topics.IMAGE_DOWNLOADED, owner, 1).get(0));
        assertEquals(live.toString(), event.get("imageId").asText());
        assertEquals(0, lifecycle.count("select count(*) from outbox where aggregate_id = ? and topic = ?", trashed,
                Topics.IMAGE_DOWNLOADED));
    }
}
