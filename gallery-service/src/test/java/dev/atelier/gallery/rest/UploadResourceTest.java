package dev.atelier.gallery.rest;

import static dev.atelier.gallery.GalleryFixtures.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.atelier.events.StorageKeys;
import dev.atelier.events.Topics;
import dev.atelier.gallery.LifecycleFixtures;
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
class UploadResourceTest {
    private static final int MAX_BYTES = 10 * 1024 * 1024;
    private static final byte[] SECRET = TestImages.SECRET.getBytes(StandardCharsets.US_ASCII);

    @Inject
    UploadFixtures uploads;
    @Inject
    LifecycleFixtures lifecycle;

    @Test
    void anUploadIsAnnouncedAsStoredWithItsSourceAndSize() {
        UUID owner = UUID.randomUUID();

        String id = uploads.upload(owner, "field.png", TestImages.png(64, 48), "image/png", "minimal", null)
                .then().statusCode(201).extract().path("id");

        var event = lifecycle.read(lifecycle.records(Topics.IMAGE_STORED, owner, 1).get(0));
        assertEquals(id, event.get("imageId").asText());
        assertEquals("uploaded", event.get("source").asText());
        assertEquals("minimal", event.get("style").asText());
        assertTrue(event.get("bytes").asLong() > 0);
    }

    @Test
    void aLargePngIsStoredWithMediumAndThumbAndWithoutItsTextChunks() {
        UUID owner = UUID.randomUUID();
        byte[] file = TestImages.pngWithText(1500, 1000);
        assertTrue(TestImages.contains(file, SECRET), "the upload carries the secret");

        Response response = uploads.upload(owner, "Harbour at night.png", file, "image/png", "Artistic", null);

        response.then().statusCode(201)
                .contentType("application/json")
                .body("name", equalTo("Harbour at night"))
                .body("style", equalTo("artistic"))
                .body("source", equalTo("uploaded"))
                .body("jobId", nullValue())
                .body("format", equalTo("png"))
                .body("width", equalTo(1500))
                .body("height", equalTo(1000))
                .body("metadata.uploadedAs", equalTo("png"))
                .body("metadata.fileName", equalTo("Harbour at night.png"))
                .body("variants.keySet()", containsInAnyOrder("thumb", "medium", "original"))
                .body("$", not(hasKey("userId")));
        UUID id = UUID.fromString(response.path("id"));
        assertEquals("/api/v1/images/" + id, response.header("Location").replaceFirst("^https?://[^/]+", ""));

        byte[] original = uploads.object(StorageKeys.image(owner, id, StorageKeys.ORIGINAL, "png"));
        byte[] medium = uploads.object(StorageKeys.image(owner, id, StorageKeys.MEDIUM, "png"));
        byte[] thumb = uploads.object(StorageKeys.image(owner, id, StorageKeys.THUMB, "png"));
        assertSize(1500, 1000, TestImages.decode(original));
        assertSize(1024, 683, TestImages.decode(medium));
        assertSize(256, 171, TestImages.decode(thumb));
        assertFalse(TestImages.contains(original, SECRET), "metadata is stripped from the original");
        assertFalse(TestImages.contains(original, "tEXt".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("image/png", uploads.contentType(StorageKeys.image(owner, id, StorageKeys.ORIGINAL, "png")));
        assertEquals(3, uploads.objects(owner).size());

        // The row describes the stored original, so the gallery shows it like any other image.
        given().auth().oauth2(token(owner)).when().get("/api/v1/images/{id}", id)
                .then().statusCode(200)
                .body("bytes", equalTo(original.length))
                .body("source", equalTo("uploaded"));
        String hash = uploads.query("select content_hash from images where id = $1", id).iterator().next()
                .getString(0);
        assertEquals(sha256(original), hash);
    }

    @Test
    void aJpegWithExifIsStoredUprightAndWithoutItsExif() {
        UUID owner = UUID.randomUUID();
        // Stored sideways, as a phone does: orientation 6 says "turn 90° clockwise to view".
        byte[] file = TestImages.jpegWithExif(TestImages.halves(64, 32), 6);
        assertTrue(TestImages.contains(file, SECRET));

        UUID id = UUID.fromString(uploads.upload(owner, "IMG_0001.JPG", file, "image/jpeg", null, "Sideways")
                .then().statusCode(201)
                .body("name", equalTo("Sideways"))
                .body("format", equalTo("jpeg"))
                .body("width", equalTo(32))
                .body("height", equalTo(64))
                .body("variants", not(hasKey("medium")))
                .extract().path("id"));

        byte[] original = uploads.object(StorageKeys.image(owner, id, StorageKeys.ORIGINAL, "jpg"));
        assertFalse(TestImages.contains(original, SECRET), "EXIF is gone");
        assertFalse(TestImages.contains(original, "Exif".getBytes(StandardCharsets.US_ASCII)), "no EXIF segment");
        BufferedImage upright = TestImages.decode(original);
        assertSize(32, 64, upright);
        // Turned clockwise, the left (red) half is now on top and the right (blue) half below.
        assertReddish(new Color(upright.getRGB(16, 8)));
        assertBluish(new Color(upright.getRGB(16, 56)));
        assertEquals("image/jpeg", uploads.contentType(StorageKeys.image(owner, id, StorageKeys.ORIGINAL, "jpg")));
        assertEquals(List.of(StorageKeys.image(owner, id, StorageKeys.ORIGINAL, "jpg"),
                StorageKeys.image(owner, id, StorageKeys.THUMB, "jpg")), uploads.objects(owner));
    }

    @Test
    void aLossyWebpIsStoredAsJpegWithDerivatives() {
        UUID owner = UUID.randomUUID();

        UUID id = UUID.fromString(uploads.upload(owner, "dunes.webp", TestImages.resource("lossy-1200x800.webp"),
                "image/webp").then().statusCode(201)
                .body("format", equalTo("jpeg"))
                .body("width", equalTo(1200))
                .body("height", equalTo(800))
                .body("metadata.uploadedAs", equalTo("webp"))
                .extract().path("id"));

        assertSize(1200, 800, TestImages.decode(uploads.object(StorageKeys.image(owner, id, "original", "jpg"))));
        assertSize(1024, 683, TestImages.decode(uploads.object(StorageKeys.image(owner, id, "medium", "jpg"))));
        assertSize(256, 171, TestImages.decode(uploads.object(StorageKeys.image(owner, id, "thumb", "jpg"))));
    }

    @Test
    void aWebpWithTransparencyIsStoredAsPngKeepingIt() {
        UUID owner = UUID.randomUUID();

        UUID id = UUID.fromString(uploads.upload(owner, "sticker.webp", TestImages.resource("alpha-300x200.webp"),
                "image/webp").then().statusCode(201)
                .body("format", equalTo("png"))
                .extract().path("id"));

        BufferedImage original = TestImages.decode(uploads.object(StorageKeys.image(owner, id, "original", "png")));
        assertSize(300, 200, original);
        assertEquals(0, original.getRGB(10, 10) >>> 24, "the transparent half stays transparent");
        assertEquals(255, original.getRGB(290, 10) >>> 24);
        assertSize(256, 171, TestImages.decode(uploads.object(StorageKeys.image(owner, id, "thumb", "png"))));
    }

    @Test
    void aJpegWithAZipAppendedIsStoredWithoutTheZip() {
        UUID owner = UUID.randomUUID();
        byte[] jpeg = TestImages.jpeg(200, 120);
        byte[] polyglot = TestImages.concat(jpeg, TestImages.zipArchive());

        UUID id = UUID.fromString(uploads.upload(owner, "innocent.jpg", polyglot, "image/jpeg")
                .then().statusCode(201).extract().path("id"));

        byte[] original = uploads.object(StorageKeys.image(owner, id, StorageKeys.ORIGINAL, "jpg"));
        assertFalse(TestImages.contains(original, new byte[] { 'P', 'K', 3, 4 }), "no zip local file header");
        assertFalse(TestImages.contains(original, SECRET));
        assertArrayEquals(new byte[] { (byte) 0xFF, (byte) 0xD9 },
                Arrays.copyOfRange(original, original.length - 2, original.length), "ends where the JPEG ends");
        assertSize(200, 120, TestImages.decode(original));
    }

    @Test
    void theDeclaredTypeAndExtensionAreIgnoredForAValidImage() {
        UUID owner = UUID.randomUUID();

        uploads.upload(owner, "photo.gif", TestImages.png(40, 30), "application/octet-stream")
                .then().statusCode(201)
                .body("format", equalTo("png"))
                .body("name", equalTo("photo"));
    }

    static Stream<Arguments> hostileFiles() {
        byte[] png = TestImages.png(300, 200);
        byte[] jpeg = TestImages.jpeg(300, 200);
        byte[] oversized = new byte[MAX_BYTES + 1];
        System.arraycopy(png, 0, oversized, 0, png.length);
        return Stream.of(
                Arguments.of("an empty file", "empty.png", new byte[0], "image/png", 400),
                Arguments.of("a text file named .png", "notes.png",
                        "just some text, not an image\n".getBytes(StandardCharsets.UTF_8), "image/png", 415),
                Arguments.of("PNG magic and a truncated body", "cut.png", Arrays.copyOf(png, png.length / 2),
                        "image/png", 400),
                Arguments.of("only the PNG signature", "sig.png", Arrays.copyOf(png, 8), "image/png", 400),
                Arguments.of("a truncated JPEG", "cut.jpg", Arrays.copyOf(jpeg, jpeg.length / 2), "image/jpeg", 400),
                Arguments.of("a pixel flood PNG (50000 x 50000)", "bomb.png", TestImages.pixelFloodPng(50_000, 50_000),
                        "image/png", 413),
                Arguments.of("a file over the size limit", "huge.png", oversized, "image/png", 413),
                Arguments.of("a GIF", "anim.gif", TestImages.gif(40, 30), "image/gif", 415),
                Arguments.of("a GIF named .jpg", "photo.jpg", TestImages.gif(40, 30), "image/jpeg", 415),
                Arguments.of("an SVG", "logo.png", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"
                        .getBytes(StandardCharsets.UTF_8), "image/svg+xml", 415),
                Arguments.of("RIFF that is not WebP", "clip.webp", TestImages.concat(
                        "RIFF\0\0\0\0AVI LIST".getBytes(StandardCharsets.US_ASCII), new byte[64]), "image/webp", 415));
    }

    @ParameterizedTest(name = "{0} → {4}")
    @MethodSource("hostileFiles")
    void hostileFilesAreRejectedAndNothingIsStored(String description, String fileName, byte[] bytes,
            String contentType, int status) {
        UUID owner = UUID.randomUUID();

        uploads.upload(owner, fileName, bytes, contentType)
                .then().statusCode(status)
                .contentType(Problem.MEDIA_TYPE)
                .body("status", equalTo(status))
                .body("errors.field", contains("file"));

        assertEquals(List.of(), uploads.objects(owner), description + ": no object is left");
        assertEquals(0, uploads.imageRows(owner), description + ": no row is stored");
    }

    @Test
    void aPixelFloodIsRefusedNamingItsSize() {
        uploads.upload(UUID.randomUUID(), "bomb.png", TestImages.pixelFloodPng(50_000, 50_000), "image/png")
                .then().statusCode(413)
                .body("detail", equalTo("file: is 50000 x 50000 pixels; at most 40000000 pixels are accepted"));
    }

    @Test
    void aBodyOverTheHttpLimitIsRefusedBeforeItIsStored() {
        // Over quarkus.http.limits.max-body-size: the multipart parser stops reading, no resource runs.
        byte[] tooBig = new byte[MAX_BYTES + 2 * 1024 * 1024];
        UUID owner = UUID.randomUUID();

        uploads.upload(owner, "huge.png", tooBig, "image/png")
                .then().statusCode(413)
                .contentType(Problem.MEDIA_TYPE)
                .body("status", equalTo(413));

        assertEquals(List.of(), uploads.objects(owner));
    }

    @Test
    void anAccountDeletedWhileItsTokenIsStillValidCannotUpload() {
        UUID gone = UUID.randomUUID();
        uploads.query("insert into deleted_users (user_id, deleted_at) values ('" + gone + "', now())");

        uploads.upload(gone, "late.png", TestImages.png(40, 30), "image/png")
                .then().statusCode(401)
                .contentType(Problem.MEDIA_TYPE);

        assertEquals(List.of(), uploads.objects(gone), "nothing left in the bucket");
        assertEquals(0, uploads.imageRows(gone));
    }

    @Test
    void whenTheRowCannotBeInsertedTheWrittenObjectsAreDeletedAgain() {
        UUID doomed = UUID.randomUUID();
        // A real database failure after every object was written: a trigger refuses this user's rows.
        uploads.query("create or replace function refuse_doomed_upload() returns trigger language plpgsql as $$ "
                + "begin raise exception 'refused for the test'; end $$");
        uploads.query("create trigger refuse_doomed_upload before insert on images for each row "
                + "when (new.user_id = '" + doomed + "') execute function refuse_doomed_upload()");
        try {
            uploads.upload(doomed, "big.png", TestImages.png(1500, 1000), "image/png")
                    .then().statusCode(500)
                    .contentType(Problem.MEDIA_TYPE);
        } finally {
            uploads.query("drop trigger refuse_doomed_upload on images");
        }

        assertEquals(List.of(), uploads.objects(doomed), "original, medium and thumb were deleted");
        assertEquals(0, uploads.imageRows(doomed));
    }

    @Test
    void anUnknownStyleIsRejectedNamingTheField() {
        UUID owner = UUID.randomUUID();

        uploads.upload(owner, "a.png", TestImages.png(20, 20), "image/png", "cubist", null)
                .then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors.field", contains("style"));

        assertEquals(List.of(), uploads.objects(owner));
    }

    @Test
    void aNameOver200CharactersIsRejectedNamingTheField() {
        UUID owner = UUID.randomUUID();

        uploads.upload(owner, "a.png", TestImages.png(20, 20), "image/png", null, "x".repeat(201))
                .then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors.field", contains("name"));

        assertEquals(0, uploads.imageRows(owner));
    }

    @Test
    void aFormWithoutAFileIsRejectedNamingTheField() {
        given().auth().oauth2(token(UUID.randomUUID()))
                .multiPart("name", "nothing")
                .when().post("/api/v1/uploads")
                .then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors.field", contains("file"));
    }

    @Test
    void aJsonBodyIsAnUnsupportedMediaType() {
        given().auth().oauth2(token(UUID.randomUUID()))
                .contentType("application/json").body(Map.of("file", "x"))
                .when().post("/api/v1/uploads")
                .then().statusCode(415)
                .contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void uploadingWithoutATokenIsUnauthorized() {
        UUID nobody = UUID.randomUUID();
        given().multiPart("file", "a.png", TestImages.png(20, 20), "image/png")
                .when().post("/api/v1/uploads")
                .then().statusCode(401)
                .contentType(Problem.MEDIA_TYPE);
        assertEquals(List.of(), uploads.objects(nobody));
    }

    @Test
    void anUploadedImageIsAnotherUsersNotFound() {
        UUID owner = UUID.randomUUID();
        UUID id = uploads.uploaded(owner, "mine.png", TestImages.png(50, 50), "image/png");

        given().auth().oauth2(token(UUID.randomUUID())).when().get("/api/v1/images/{id}", id)
                .then().statusCode(404);
        given().auth().oauth2(token(owner)).when().get("/api/v1/images")
                .then().statusCode(200).body("items.id", contains(id.toString()));
    }

    private static void assertSize(int width, int height, BufferedImage image) {
        assertEquals(width + "x" + height, image.getWidth() + "x" + image.getHeight());
    }

    private static void assertReddish(Color color) {
        assertTrue(color.getRed() > 180 && color.getBlue() < 80, "red expected, got " + color);
    }

    private static void assertBluish(Color color) {
        assertTrue(color.getBlue() > 180 && color.getRed() < 80, "blue expected, got " + color);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
