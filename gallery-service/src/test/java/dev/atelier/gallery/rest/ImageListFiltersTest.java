package dev.atelier.gallery.rest;

import static dev.atelier.gallery.GalleryFixtures.token;
import static dev.atelier.gallery.GalleryRows.at;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.atelier.gallery.GalleryRows;
import dev.atelier.gallery.domain.PageCursor;
import dev.atelier.problem.Problem;
import dev.atelier.testinfra.RealInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
@QuarkusTestResource(value = RealInfraResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealInfraResource.DATABASE, value = "gallery"))
class ImageListFiltersTest {

    @Inject
    GalleryRows rows;

    @Test
    void withoutFiltersEveryLiveImageComesNewestFirst() {
        UUID owner = UUID.randomUUID();
        UUID older = rows.insert(owner, row -> row.createdAt = at(1));
        UUID newer = rows.insert(owner, row -> row.createdAt = at(2));
        rows.insert(owner, row -> {
            row.createdAt = at(3);
            row.deletedAt = at(4);
        });

        assertEquals(List.of(newer, older), ids(owner, Map.of()));
    }

    @Test
    void sortOldestListsOldestFirst() {
        UUID owner = UUID.randomUUID();
        UUID first = rows.insert(owner, row -> row.createdAt = at(1));
        UUID second = rows.insert(owner, row -> row.createdAt = at(2));
        UUID third = rows.insert(owner, row -> row.createdAt = at(3));

        assertEquals(List.of(first, second, third), ids(owner, Map.of("sort", "oldest")));
        assertEquals(List.of(third, second, first), ids(owner, Map.of("sort", "newest")));
    }

    @Test
    void styleKeepsThatStyleOnly() {
        UUID owner = UUID.randomUUID();
        UUID minimal = rows.insert(owner, row -> row.style = "minimal");
        rows.insert(owner, row -> row.style = "vibrant");

        assertEquals(List.of(minimal), ids(owner, Map.of("style", "minimal")));
        assertEquals(List.of(minimal), ids(owner, Map.of("style", " Minimal ")));
    }

    @Test
    void emotionKeepsThatEmotionOnly() {
        UUID owner = UUID.randomUUID();
        UUID hopeful = rows.insert(owner, row -> row.emotion = "hopeful");
        rows.insert(owner, row -> row.emotion = "melancholic");
        rows.insert(owner, row -> row.emotion = null);

        assertEquals(List.of(hopeful), ids(owner, Map.of("emotion", "hopeful")));
    }

    @Test
    void tagIsMatchedAfterTheSameNormalisationAsPatch() {
        UUID owner = UUID.randomUUID();
        UUID seaSide = rows.insert(owner, row -> row.tags = List.of("sea side", "summer"));
        rows.insert(owner, row -> row.tags = List.of("sea"));
        rows.insert(owner, row -> row.tags = List.of());

        assertEquals(List.of(seaSide), ids(owner, Map.of("tag", "  Sea   SIDE ")));
        assertEquals(List.of(), ids(owner, Map.of("tag", "side")), "tags match whole, not in part");
    }

    @Test
    void repeatedTagsKeepImagesThatHaveEveryOne() {
        UUID owner = UUID.randomUUID();
        UUID both = rows.insert(owner, row -> {
            row.tags = List.of("family", "summer", "beach");
            row.createdAt = at(1);
        });
        UUID alsoBoth = rows.insert(owner, row -> {
            row.tags = List.of("summer", "family");
            row.createdAt = at(2);
        });
        rows.insert(owner, row -> row.tags = List.of("family"));

        JsonPath page = given().auth().oauth2(token(owner)).queryParam("tag", "family", "summer")
                .when().get("/api/v1/images").then().statusCode(200).extract().jsonPath();

        assertEquals(List.of(alsoBoth.toString(), both.toString()), page.getList("items.id"));
    }

    @Test
    void favoriteTrueAndFalseSplitTheGallery() {
        UUID owner = UUID.randomUUID();
        UUID loved = rows.insert(owner, row -> row.favorite = true);
        UUID plain = rows.insert(owner, row -> row.favorite = false);

        assertEquals(List.of(loved), ids(owner, Map.of("favorite", "true")));
        assertEquals(List.of(plain), ids(owner, Map.of("favorite", "FALSE")));
    }

    @Test
    void fromAndToDatesIncludeTheirWholeUtcDays() {
        UUID owner = UUID.randomUUID();
        rows.insert(owner, row -> row.createdAt = Instant.parse("2026-02-28T23:59:59.999999Z"));
        UUID firstInstant = rows.insert(owner, row -> row.createdAt = Instant.parse("2026-03-01T00:00:00Z"));
        UUID lastInstant = rows.insert(owner, row -> row.createdAt = Instant.parse("2026-03-02T23:59:59.999999Z"));
        rows.insert(owner, row -> row.createdAt = Instant.parse("2026-03-03T00:00:00Z"));

        assertEquals(List.of(lastInstant, firstInstant), ids(owner, Map.of("from", "2026-03-01", "to", "2026-03-02")));
        assertEquals(List.of(firstInstant), ids(owner, Map.of("from", "2026-03-01", "to", "2026-03-01")));
        assertEquals(4, ids(owner, Map.of("from", "2026-02-28")).size());
        assertEquals(3, ids(owner, Map.of("to", "2026-03-02")).size());
    }

    @Test
    void fromAndToDateTimesAreInclusiveInstantsWithTheirOffsets() {
        UUID owner = UUID.randomUUID();
        UUID before = rows.insert(owner, row -> row.createdAt = Instant.parse("2026-03-01T11:59:59Z"));
        UUID noon = rows.insert(owner, row -> row.createdAt = Instant.parse("2026-03-01T12:00:00Z"));
        UUID after = rows.insert(owner, row -> row.createdAt = Instant.parse("2026-03-01T12:00:01Z"));

        assertEquals(List.of(noon), ids(owner, Map.of("from", "2026-03-01T13:00:00+01:00",
                "to", "2026-03-01T12:00:00Z")));
        assertEquals(List.of(after, noon), ids(owner, Map.of("from", "2026-03-01T12:00:00")),
                "a date-time without an offset is UTC");
        assertEquals(List.of(noon, before), ids(owner, Map.of("to", "2026-03-01T12:00:00.000000500Z")));
    }

    @Test
    void nameMatchesASubstringOrAFuzzyWordOfTheNameOnly() {
        UUID owner = UUID.randomUUID();
        UUID harbour = rows.insert(owner, row -> {
            row.name = "Old Harbour at dusk";
            row.createdAt = at(1);
        });
        UUID percent = rows.insert(owner, row -> {
            row.name = "100% harbour";
            row.createdAt = at(2);
        });
        rows.insert(owner, row -> {
            row.name = "Forest";
            row.prompt = "a harbour seen from the forest";
        });

        assertEquals(List.of(percent, harbour), ids(owner, Map.of("name", "arbou")));
        assertEquals(List.of(percent, harbour), ids(owner, Map.of("name", "harbor")), "a typo");
        assertEquals(List.of(percent), ids(owner, Map.of("name", "0%")), "% is a character, not a wildcard");
    }

    @Test
    void promptMatchesASubstringOrAFuzzyWordOfThePromptOnly() {
        UUID owner = UUID.randomUUID();
        UUID lighthouse = rows.insert(owner, row -> row.prompt = "a lighthouse on a cliff at night");
        rows.insert(owner, row -> {
            row.name = "Lighthouse";
            row.prompt = "a cliff at night";
        });

        assertEquals(List.of(lighthouse), ids(owner, Map.of("prompt", "lighthouse")));
        assertEquals(List.of(lighthouse), ids(owner, Map.of("prompt", "lighthose")));
        assertEquals(List.of(lighthouse), ids(owner, Map.of("prompt", "house on a")));
    }

    @Test
    void filtersCombine() {
        UUID owner = UUID.randomUUID();
        UUID match = rows.insert(owner, row -> matching(row));
        rows.insert(owner, row -> {
            matching(row);
            row.style = "minimal";
        });
        rows.insert(owner, row -> {
            matching(row);
            row.emotion = "calm";
        });
        rows.insert(owner, row -> {
            matching(row);
            row.favorite = false;
        });
        rows.insert(owner, row -> {
            matching(row);
            row.tags = List.of("winter");
        });
        rows.insert(owner, row -> {
            matching(row);
            row.createdAt = Instant.parse("2026-04-01T00:00:00Z");
        });
        rows.insert(owner, row -> {
            matching(row);
            row.prompt = "a quiet forest";
        });
        rows.insert(owner, row -> {
            matching(row);
            row.name = "Something else";
        });

        Map<String, String> all = new LinkedHashMap<>();
        all.put("q", "lighthose");
        all.put("name", "Beacon");
        all.put("prompt", "storm");
        all.put("style", "vibrant");
        all.put("emotion", "energetic");
        all.put("tag", "summer");
        all.put("favorite", "true");
        all.put("from", "2026-03-01");
        all.put("to", "2026-03-31");
        assertEquals(List.of(match), ids(owner, all));
        assertEquals(8, ids(owner, Map.of()).size());
    }

    private static void matching(GalleryRows.ImageRow row) {
        row.name = "Beacon";
        row.prompt = "a lighthouse in a storm";
        row.style = "vibrant";
        row.emotion = "energetic";
        row.tags = List.of("summer");
        row.favorite = true;
        row.createdAt = Instant.parse("2026-03-10T00:00:00Z");
    }

    @Test
    void pageNumbersCountFromOneAndStillOfferACursor() {
        UUID owner = UUID.randomUUID();
        List<UUID> newestFirst = new ArrayList<>();
        for (int second = 5; second >= 1; second--) {
            int at = second;
            newestFirst.add(rows.insert(owner, row -> row.createdAt = at(at)));
        }

        assertEquals(newestFirst.subList(0, 2), ids(owner, Map.of("limit", "2", "page", "1")));
        assertEquals(newestFirst.subList(2, 4), ids(owner, Map.of("limit", "2", "page", "2")));
        assertEquals(newestFirst.subList(4, 5), ids(owner, Map.of("limit", "2", "page", "3")));
        assertEquals(List.of(), ids(owner, Map.of("limit", "2", "page", "4")));
        assertEquals(List.of(newestFirst.get(2), newestFirst.get(1)),
                ids(owner, Map.of("limit", "2", "page", "2", "sort", "oldest")));

        String next = list(owner, Map.of("limit", "2", "page", "2")).getString("nextCursor");
        assertNotNull(next, "a numbered page also gives the cursor that follows it");
        assertEquals(newestFirst.subList(4, 5), ids(owner, Map.of("limit", "2", "cursor", next)));
        given().auth().oauth2(token(owner)).queryParam("limit", 2).queryParam("page", 3)
                .when().get("/api/v1/images").then().statusCode(200).body("nextCursor", nullValue());
    }

    @ParameterizedTest
    @ValueSource(strings = { "newest", "oldest" })
    void cursorUnderAFilterVisitsEachMatchExactlyOnce(String sort) {
        UUID owner = UUID.randomUUID();
        List<UUID> matches = new ArrayList<>();
        for (int index = 0; index < 9; index++) {
            // Pairs share a creation time: the id breaks the tie, and paging must not skip or repeat either one.
            Instant createdAt = at(index / 2);
            matches.add(rows.insert(owner, row -> {
                row.style = "minimal";
                row.createdAt = createdAt;
            }));
            rows.insert(owner, row -> {
                row.style = "vibrant";
                row.createdAt = createdAt;
            });
        }

        Map<String, String> filter = Map.of("style", "minimal", "sort", sort);
        List<UUID> expected = ids(owner, filter);
        assertEquals(new HashSet<>(matches), new HashSet<>(expected));

        List<UUID> walked = walk(owner, filter, 2);
        assertEquals(expected, walked);
        assertEquals(matches.size(), new HashSet<>(walked).size());
    }

    @Test
    void cursorOfAnotherListIsRefused() {
        UUID owner = UUID.randomUUID();
        for (int index = 0; index < 3; index++) {
            int at = index;
            rows.insert(owner, row -> row.createdAt = at(at));
        }
        String artistic = list(owner, Map.of("style", "artistic", "limit", "1")).getString("nextCursor");
        String newest = list(owner, Map.of("limit", "1")).getString("nextCursor");

        for (Map<String, String> other : List.of(Map.of("style", "minimal", "cursor", artistic),
                Map.of("cursor", artistic), Map.of("style", "artistic", "sort", "oldest", "cursor", artistic),
                Map.of("sort", "oldest", "cursor", newest), Map.of("q", "picture", "cursor", newest))) {
            given().auth().oauth2(token(owner)).queryParams(other)
                    .when().get("/api/v1/images")
                    .then().statusCode(400)
                    .contentType(Problem.MEDIA_TYPE)
                    .body("errors.field", contains("cursor"));
        }
        given().auth().oauth2(token(owner)).queryParam("style", "artistic").queryParam("cursor", artistic)
                .queryParam("limit", 5)
                .when().get("/api/v1/images").then().statusCode(200).body("items.size()", equalTo(2));
    }

    @Test
    void cursorOfTheFirstReleaseStillContinuesTheList() {
        UUID owner = UUID.randomUUID();
        UUID older = rows.insert(owner, row -> row.createdAt = at(1));
        UUID newer = rows.insert(owner, row -> row.createdAt = at(2));

        String old = new PageCursor(at(2), newer).encode();

        assertEquals(List.of(older), ids(owner, Map.of("cursor", old)));
    }

    @Test
    void anotherUsersImagesNeverMatch() {
        UUID owner = UUID.randomUUID();
        UUID stranger = UUID.randomUUID();
        rows.insert(owner, row -> {
            row.style = "minimal";
            row.tags = List.of("secret");
            row.favorite = true;
        });

        given().auth().oauth2(token(stranger)).queryParam("style", "minimal").queryParam("tag", "secret")
                .queryParam("favorite", true)
                .when().get("/api/v1/images")
                .then().statusCode(200).body("items", empty()).body("nextCursor", nullValue());
    }

    @Test
    void itemsCarryTheListFields() {
        UUID owner = UUID.randomUUID();
        UUID id = rows.insert(owner, row -> {
            row.name = "Beacon";
            row.tags = List.of("summer");
            row.favorite = true;
            row.bytes = 1234;
        });

        given().auth().oauth2(token(owner)).queryParam("q", "beacon")
                .when().get("/api/v1/images")
                .then().statusCode(200)
                .body("items[0].id", equalTo(id.toString()))
                .body("items[0].name", equalTo("Beacon"))
                .body("items[0].tags", contains("summer"))
                .body("items[0].favorite", equalTo(true))
                .body("items[0].bytes", equalTo(1234))
                .body("items[0].width", equalTo(64))
                .body("items[0].createdAt", notNullValue())
                .body("items[0].thumbUrl", equalTo("/api/v1/images/" + id + "/content?variant=thumb"));
    }

    /** Follows nextCursor from the first page to the last, collecting ids. */
    static List<UUID> walk(UUID owner, Map<String, String> filter, int limit) {
        List<UUID> walked = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Map<String, String> parameters = new LinkedHashMap<>(filter);
            parameters.put("limit", String.valueOf(limit));
            if (cursor != null) {
                parameters.put("cursor", cursor);
            }
            JsonPath page = list(owner, parameters);
            page.getList("items.id", String.class).forEach(id -> walked.add(UUID.fromString(id)));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 100);
        return walked;
    }

    static List<UUID> ids(UUID owner, Map<String, String> parameters) {
        Map<String, String> withLimit = new LinkedHashMap<>(parameters);
        withLimit.putIfAbsent("limit", "50");
        return list(owner, withLimit).getList("items.id", String.class).stream().map(UUID::fromString).toList();
    }

    static JsonPath list(UUID owner, Map<String, String> parameters) {
        RequestSpecification request = given().auth().oauth2(token(owner));
        parameters.forEach(request::queryParam);
        return request.when().get("/api/v1/images").then().statusCode(200).extract().jsonPath();
    }
}
