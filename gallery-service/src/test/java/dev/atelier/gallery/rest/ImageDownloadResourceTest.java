package dev.atelier.gallery.rest;

import static dev.atelier.gallery.GalleryFixtures.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.atelier.events.StorageKeys;
import dev.atelier.gallery.TestImages;
import dev.atelier.gallery.UploadFixtures;
import dev.atelier.problem.Problem;
import dev.atelier.testinfra.RealInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
@QuarkusTestResource(value = RealInfraResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealInfraResource.DATABASE, value = "gallery"))
class ImageDownloadResourceTest {

    @Inject
    UploadFixtures uploads;

    @Test
    void threeImagesStreamAsAZipOfTheirOriginals() throws IOException {
        UUID owner = UUID.randomUUID();
        UUID png = UUID.fromString(uploads.upload(owner, "a.png", TestImages.png(1300, 700), "image/png", null,
                "Sunset / over: the bay").then().statusCode(201).extract().path("id"));
        UUID jpeg = uploads.uploaded(owner, "photo.jpg", TestImages.jpeg(320, 240), "image/jpeg");
        UUID small = uploads.uploaded(owner, "../../etc/passwd.png", TestImages.png(60, 40), "image/png");

        Response response = given().auth().oauth2(token(owner))
                .contentType("application/json").body(Map.of("ids", List.of(png, jpeg, small)))
                .when().post("/api/v1/images/download");

        response.then().statusCode(200)
                .contentType("application/zip")
                .header("Content-Disposition", equalTo("attachment; filename=\"atelier-images.zip\""))
                .header("Transfer-Encoding", equalTo("chunked"));
        List<String> names = new ArrayList<>();
        List<byte[]> contents = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(response.asByteArray()))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                names.add(entry.getName());
                contents.add(zip.readAllBytes());
            }
        }
        assertEquals(List.of(
                "Sunset _ over_ the bay-" + png.toString().substring(0, 8) + ".png",
                "photo-" + jpeg.toString().substring(0, 8) + ".jpg",
                "passwd-" + small.toString().substring(0, 8) + ".png"), names);
        assertArrayEquals(uploads.object(StorageKeys.image(owner, png, StorageKeys.ORIGINAL, "png")), contents.get(0));
        assertArrayEquals(uploads.object(StorageKeys.image(owner, jpeg, StorageKeys.ORIGINAL, "jpg")),
                contents.get(1));
        assertEquals(1300, TestImages.decode(contents.get(0)).getWidth());
        assertEquals(320, TestImages.decode(contents.get(1)).getWidth());
        assertEquals(60, TestImages.decode(contents.get(2)).getWidth());
    }

    @Test
    void aZipLargerThanOneChunkArrivesWhole() throws IOException {
        UUID owner = UUID.randomUUID();
        // Noise does not compress: each original is several chunks of 64 KiB.
        List<UUID> ids = IntStream.range(0, 2).mapToObj(i -> uploads.uploaded(owner, "noise" + i + ".png",
                TestImages.encode(noise(400, 300, i), "png"), "image/png")).toList();

        byte[] zip = given().auth().oauth2(token(owner))
                .contentType("application/json").body(Map.of("ids", ids))
                .when().post("/api/v1/images/download")
                .then().statusCode(200).extract().asByteArray();

        assertTrue(zip.length > 2 * 64 * 1024, "several chunks: " + zip.length);
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (UUID id : ids) {
                ZipEntry entry = in.getNextEntry();
                assertTrue(entry.getName().endsWith(id.toString().substring(0, 8) + ".png"), entry.getName());
                assertArrayEquals(uploads.object(StorageKeys.image(owner, id, StorageKeys.ORIGINAL, "png")),
                        in.readAllBytes());
            }
        }
    }

    @Test
    void anotherUsersImageAmongTheIdsIsNotFoundAndNothingIsStreamed() {
        UUID owner = UUID.randomUUID();
        UUID stranger = UUID.randomUUID();
        UUID mine = uploads.uploaded(owner, "mine.png", TestImages.png(30, 30), "image/png");
        UUID theirs = uploads.uploaded(stranger, "theirs.png", TestImages.png(30, 30), "image/png");

        given().auth().oauth2(token(owner))
                .contentType("application/json").body(Map.of("ids", List.of(mine, theirs)))
                .when().post("/api/v1/images/download")
                .then().statusCode(404)
                .contentType(Problem.MEDIA_TYPE)
                .body("status", equalTo(404))
                .body("detail", containsString(theirs.toString()));
    }

    @Test
    void anUnknownIdIsNotFound() {
        UUID owner = UUID.randomUUID();
        UUID mine = uploads.uploaded(owner, "mine.png", TestImages.png(30, 30), "image/png");

        given().auth().oauth2(token(owner))
                .contentType("application/json").body(Map.of("ids", List.of(mine, UUID.randomUUID())))
                .when().post("/api/v1/images/download")
                .then().statusCode(404)
                .contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void moreThan100IdsAreRejectedNamingTheField() {
        List<UUID> ids = IntStream.range(0, 101).mapToObj(i -> UUID.randomUUID()).toList();

        given().auth().oauth2(token(UUID.randomUUID()))
                .contentType("application/json").body(Map.of("ids", ids))
                .when().post("/api/v1/images/download")
                .then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors.field", contains("ids"));
    }

    @Test
    void emptyMissingOrDuplicateIdsAreRejected() {
        UUID id = UUID.randomUUID();
        for (Object body : List.of(Map.of("ids", List.of()), Map.of(), Map.of("ids", List.of(id, id)))) {
            given().auth().oauth2(token(UUID.randomUUID()))
                    .contentType("application/json").body(body)
                    .when().post("/api/v1/images/download")
                    .then().statusCode(400)
                    .contentType(Problem.MEDIA_TYPE)
                    .body("errors.field", contains("ids"));
        }
    }

    @Test
    void anIdThatIsNotAUuidIsRejectedNamingIt() {
        given().auth().oauth2(token(UUID.randomUUID()))
                .contentType("application/json").body("{\"ids\": [\"not-a-uuid\"]}")
                .when().post("/api/v1/images/download")
                .then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors.field", contains("ids[0]"));
    }

    @Test
    void downloadingWithoutATokenIsUnauthorized() {
        given().contentType("application/json").body(Map.of("ids", List.of(UUID.randomUUID())))
                .when().post("/api/v1/images/download")
                .then().statusCode(401)
                .contentType(Problem.MEDIA_TYPE);
    }

    private static java.awt.image.BufferedImage noise(int width, int height, long seed) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(width, height,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        return image;
    }
}
