package dev.atelier.gallery.rest;

import static dev.atelier.gallery.GalleryFixtures.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.atelier.gallery.GalleryRows;
import dev.atelier.problem.Problem;
import dev.atelier.testinfra.RealInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Row;

@QuarkusTest
@QuarkusTestResource(value = RealInfraResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealInfraResource.DATABASE, value = "gallery"))
class ImagePatchTest {
    private static final String MERGE_PATCH = "application/merge-patch+json";
    private static final String STORED_METADATA = "{\"provider\":\"local\",\"seed\":7,"
            + "\"camera\":{\"lens\":\"35mm\",\"iso\":100}}";

    @Inject
    GalleryRows rows;

    @Inject
    ObjectMapper json;

    private UUID owner;
    private UUID imageId;

    @BeforeEach
    void anImage() {
        owner = UUID.randomUUID();
        imageId = rows.insert(owner, row -> {
            row.name = "Harbour";
            row.tags = List.of("sea", "boats");
            row.metadata = STORED_METADATA;
        });
    }

    @Test
    void setsEveryFieldAndAnswersTheUpdatedDetail() {
        OffsetDateTime before = stored().getOffsetDateTime("updated_at");

        patch("""
                {"name": "  Harbour at dusk  ",
                 "tags": [" Sunset", "SEA", "sunset", "sea  side"],
                 "favorite": true,
                 "metadata": {"camera": {"iso": 400, "lens": null}, "note": "golden hour"}}
                """)
                .statusCode(200)
                .body("id", equalTo(imageId.toString()))
                .body("name", equalTo("Harbour at dusk"))
                .body("tags", contains("sunset", "sea", "sea side"))
                .body("favorite", equalTo(true))
                .body("metadata.provider", equalTo("local"))
                .body("metadata.seed", equalTo(7))
                .body("metadata.camera.iso", equalTo(400))
                .body("metadata.camera", not(hasKey("lens")))
                .body("metadata.note", equalTo("golden hour"))
                .body("variants.thumb", equalTo("/api/v1/images/" + imageId + "/content?variant=thumb"));

        Row row = stored();
        assertEquals("Harbour at dusk", row.getString("name"));
        assertEquals(List.of("sunset", "sea", "sea side"), List.of(row.getArrayOfStrings("tags")));
        assertEquals(true, row.getBoolean("favorite"));
        assertEquals(tree("{\"provider\":\"local\",\"seed\":7,\"camera\":{\"iso\":400},\"note\":\"golden hour\"}"),
                tree(row.getString("metadata_json")));
        assertTrue(row.getOffsetDateTime("updated_at").isAfter(before), "updated_at moves");
        assertEquals(before, row.getOffsetDateTime("created_at"), "created_at stays");
    }

    @Test
    void plainJsonIsAcceptedToo() {
        given().auth().oauth2(token(owner)).contentType("application/json").body("{\"favorite\": true}")
                .when().patch("/api/v1/images/{id}", imageId)
                .then().statusCode(200).body("favorite", equalTo(true));
    }

    @Test
    void absentMembersStayAsTheyAre() {
        patch("{\"favorite\": true}").statusCode(200);

        Row row = stored();
        assertEquals("Harbour", row.getString("name"));
        assertEquals(List.of("sea", "boats"), List.of(row.getArrayOfStrings("tags")));
        assertEquals(tree(STORED_METADATA), tree(row.getString("metadata_json")));
    }

    @Test
    void nullTagsRemoveEveryTag() {
        patch("{\"tags\": null}").statusCode(200).body("tags", empty());

        assertEquals(0, stored().getArrayOfStrings("tags").length);
    }

    @Test
    void anEmptyTagListRemovesEveryTagToo() {
        patch("{\"tags\": []}").statusCode(200).body("tags", empty());
    }

    @Test
    void favoriteCanBeUnset() {
        patch("{\"favorite\": true}").statusCode(200);
        patch("{\"favorite\": false}").statusCode(200).body("favorite", equalTo(false));
    }

    @Test
    void aNullMetadataMemberRemovesThatKeyOnly() {
        patch("{\"metadata\": {\"seed\": null}}").statusCode(200)
                .body("metadata", not(hasKey("seed")))
                .body("metadata.provider", equalTo("local"));

        assertEquals(tree("{\"provider\":\"local\",\"camera\":{\"lens\":\"35mm\",\"iso\":100}}"),
                tree(stored().getString("metadata_json")));
    }

    @Test
    void nullMetadataRemovesAllOfIt() {
        patch("{\"metadata\": null}").statusCode(200).body("metadata", equalTo(Map.of()));

        assertEquals(tree("{}"), tree(stored().getString("metadata_json")));
    }

    @Test
    void metadataArraysAndValuesAreReplacedWhole() {
        patch("{\"metadata\": {\"camera\": [\"a\", \"b\"]}}").statusCode(200);

        assertEquals(tree("{\"provider\":\"local\",\"seed\":7,\"camera\":[\"a\",\"b\"]}"),
                tree(stored().getString("metadata_json")));
    }

    @Test
    void metadataUpToTheLimitIsAccepted() {
        // {"provider":"local","seed":7,"camera":{…},"big":"xxx…"} at exactly 16384 bytes once merged.
        int base = bytes("{\"provider\":\"local\",\"seed\":7,\"camera\":{\"lens\":\"35mm\",\"iso\":100},\"big\":\"\"}");
        patch("{\"metadata\": {\"big\": \"" + "x".repeat(16384 - base) + "\"}}").statusCode(200);
    }

    @Test
    void metadataOverTheLimitOnceMergedIsRefusedAndNothingChanges() {
        patch("{\"metadata\": {\"first\": \"" + "x".repeat(9000) + "\"}}").statusCode(200);
        Row before = stored();

        // Small enough alone, too large once merged with what is stored.
        patch("{\"name\": \"Renamed\", \"metadata\": {\"second\": \"" + "y".repeat(9000) + "\"}}")
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors.field", contains("metadata"))
                .body("detail", startsWith("metadata: must be at most 16384 bytes"));

        assertUnchanged(before);
    }

    @Test
    void unknownFieldsAreRefusedNamingThemAndNothingChanges() {
        Row before = stored();

        patch("{\"name\": \"Renamed\", \"colour\": \"red\", \"userId\": \"" + UUID.randomUUID() + "\"}")
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors.field", containsInAnyOrder("colour", "userId"));

        assertUnchanged(before);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"name\": 5}                       | name",
            "{\"name\": [\"a\"]}                 | name",
            "{\"tags\": \"sea\"}                 | tags",
            "{\"tags\": {\"a\": 1}}              | tags",
            "{\"tags\": [\"sea\", 3]}            | tags[1]",
            "{\"favorite\": \"yes\"}             | favorite",
            "{\"favorite\": 1}                   | favorite",
            "{\"favorite\": null}                | favorite",
            "{\"metadata\": [1, 2]}              | metadata",
            "{\"metadata\": \"text\"}            | metadata",
            "{\"metadata\": 3}                   | metadata" })
    void wrongTypesAreRefusedNamingTheFieldAndNothingChanges(String body, String field) {
        Row before = stored();

        patch(body).statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors.field", contains(field));

        assertUnchanged(before);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"name\": null}                                   | name",
            "{\"name\": \"   \"}                                | name",
            "{\"name\": \"line\\nbreak\"}                       | name",
            "{\"tags\": [\"   \"]}                              | tags[0]",
            "{\"tags\": [\"ok\", \"a-tag-that-is-much-longer-than-forty-chars\"]} | tags[1]",
            "{\"metadata\": {\"nul\": \"a\\u0000b\"}}            | metadata",
            "{\"metadata\": {\"a\\u0000\": 1}}                   | metadata",
            "{\"metadata\": {\"huge\": 1e400}}                   | metadata" })
    void invalidValuesAreRefusedNamingTheFieldAndNothingChanges(String body, String field) {
        Row before = stored();

        patch(body).statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors.field", contains(field));

        assertUnchanged(before);
    }

    @Test
    void nameOfUpTo200CharactersIsAcceptedAndLongerRefused() {
        patch("{\"name\": \"" + "n".repeat(200) + "\"}").statusCode(200);
        patch("{\"name\": \"" + "n".repeat(201) + "\"}").statusCode(400).body("errors.field", contains("name"));
    }

    @Test
    void moreThanTwentyTagsAreRefused() {
        String tags = String.join(", ", IntStream.range(0, 21).mapToObj(i -> "\"t" + i + "\"")
                .toList());

        patch("{\"tags\": [" + tags + "]}").statusCode(400).body("errors.field", contains("tags"));
    }

    @Test
    void metadataNestedTooDeeplyIsRefused() {
        String deep = "{\"a\":".repeat(40) + "1" + "}".repeat(40);

        patch("{\"metadata\": " + deep + "}").statusCode(400).body("errors.field", contains("metadata"));
    }

    @Test
    void everyOffendingFieldIsNamedInOneAnswer() {
        Row before = stored();

        patch("{\"name\": null, \"tags\": 3, \"favorite\": \"no\", \"metadata\": [], \"extra\": 1}")
                .statusCode(400)
                .body("errors.field", containsInAnyOrder("name", "tags", "favorite", "metadata", "extra"));

        assertUnchanged(before);
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"name\": ", "not json", "[]", "\"name\"", "null", "{\"name\": \"a\"} {}" })
    void bodiesThatAreNotOneJsonObjectAreRefused(String body) {
        patch(body).statusCode(400).contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void anEmptyBodyIsRefused() {
        given().auth().oauth2(token(owner)).contentType(MERGE_PATCH)
                .when().patch("/api/v1/images/{id}", imageId)
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE).body("errors.field", contains("body"));
    }

    @Test
    void aRepeatedMemberIsRefused() {
        Row before = stored();

        patch("{\"name\": \"One\", \"name\": \"Two\"}").statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("detail", startsWith("The request body repeats a member"));

        assertUnchanged(before);
    }

    @Test
    void otherMediaTypesAreUnsupported() {
        given().auth().oauth2(token(owner)).contentType("text/plain").body("{\"favorite\": true}")
                .when().patch("/api/v1/images/{id}", imageId)
                .then().statusCode(415).contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void aHugeBodyIsRefusedBeforeParsing() {
        patch("{\"metadata\": {\"big\": \"" + "x".repeat(70_000) + "\"}}").statusCode(413)
                .contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void anEmptyPatchChangesNothingNotEvenUpdatedAt() {
        Row before = stored();

        patch("{}").statusCode(200).body("name", equalTo("Harbour"));
        patch("{\"name\": \"Harbour\", \"tags\": [\"SEA\", \"boats\"], \"metadata\": {}}").statusCode(200);

        assertUnchanged(before);
    }

    @Test
    void anotherUsersImageIsNotFoundAndUnchanged() {
        Row before = stored();
        UUID stranger = UUID.randomUUID();

        String others = given().auth().oauth2(token(stranger)).contentType(MERGE_PATCH)
                .body("{\"name\": \"Mine now\"}")
                .when().patch("/api/v1/images/{id}", imageId)
                .then().statusCode(404).contentType(Problem.MEDIA_TYPE).extract().asString();
        UUID unknown = UUID.randomUUID();
        String missing = given().auth().oauth2(token(stranger)).contentType(MERGE_PATCH)
                .body("{\"name\": \"Mine now\"}")
                .when().patch("/api/v1/images/{id}", unknown)
                .then().statusCode(404).contentType(Problem.MEDIA_TYPE).extract().asString();

        assertEquals(missing.replace(unknown.toString(), "ID"), others.replace(imageId.toString(), "ID"));
        assertUnchanged(before);
    }

    @Test
    void aTrashedImageIsNotFound() {
        UUID trashed = rows.insert(owner, row -> row.deletedAt = GalleryRows.at(10));

        given().auth().oauth2(token(owner)).contentType(MERGE_PATCH).body("{\"favorite\": true}")
                .when().patch("/api/v1/images/{id}", trashed)
                .then().statusCode(404);
        assertEquals(false, rows.select(trashed).getBoolean("favorite"));
    }

    @Test
    void aMalformedIdIsNotFound() {
        patchAt("not-a-uuid", "{\"favorite\": true}").statusCode(404).contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void aPatchNeedsAToken() {
        given().contentType(MERGE_PATCH).body("{\"favorite\": true}")
                .when().patch("/api/v1/images/{id}", imageId)
                .then().statusCode(401).contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void aPatchedImageIsFoundByItsNewNameAndTag() {
        patch("{\"name\": \"Zanzibar\", \"tags\": [\"Holiday\"]}").statusCode(200);

        given().auth().oauth2(token(owner)).queryParam("q", "zanzibar").queryParam("tag", "holiday")
                .when().get("/api/v1/images")
                .then().statusCode(200).body("items.id", contains(imageId.toString()));
    }

    private ValidatableResponse patch(String body) {
        return patchAt(imageId.toString(), body);
    }

    private ValidatableResponse patchAt(String id, String body) {
        return given().auth().oauth2(token(owner)).contentType(MERGE_PATCH).body(body)
                .when().patch("/api/v1/images/{id}", id)
                .then();
    }

    private Row stored() {
        return rows.select(imageId);
    }

    private void assertUnchanged(Row before) {
        Row after = stored();
        assertEquals(before.getString("name"), after.getString("name"));
        assertEquals(List.of(before.getArrayOfStrings("tags")), List.of(after.getArrayOfStrings("tags")));
        assertEquals(before.getBoolean("favorite"), after.getBoolean("favorite"));
        assertEquals(tree(before.getString("metadata_json")), tree(after.getString("metadata_json")));
        assertEquals(before.getOffsetDateTime("updated_at"), after.getOffsetDateTime("updated_at"));
    }

    private JsonNode tree(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int bytes(String text) {
        try {
            return json.writeValueAsBytes(json.readTree(text)).length;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
