package dev.atelier.gallery.rest;

import static dev.atelier.gallery.GalleryFixtures.token;
import static dev.atelier.gallery.GalleryRows.at;
import static dev.atelier.gallery.rest.ImageListFiltersTest.ids;
import static dev.atelier.gallery.rest.ImageListFiltersTest.walk;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.atelier.events.GenerationCompleted;
import dev.atelier.gallery.GalleryFixtures;
import dev.atelier.gallery.GalleryRows;
import dev.atelier.testinfra.RealInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = RealInfraResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealInfraResource.DATABASE, value = "gallery"))
class ImageSearchTest {

    @Inject
    GalleryRows rows;

    @Inject
    GalleryFixtures fixtures;

    @Test
    void aTypoStillFindsThePrompt() {
        UUID owner = UUID.randomUUID();
        UUID lighthouse = rows.insert(owner, row -> row.prompt = "a lighthouse on a cliff at night");
        rows.insert(owner, row -> row.prompt = "a red fox in the snow");

        assertEquals(List.of(lighthouse), search(owner, "lighthose"));
    }

    @Test
    void aPartialWordFindsThePrompt() {
        UUID owner = UUID.randomUUID();
        UUID lighthouse = rows.insert(owner, row -> row.prompt = "a lighthouse on a cliff at night");
        rows.insert(owner, row -> row.prompt = "a red fox in the snow");

        assertEquals(List.of(lighthouse), search(owner, "lightho"));
    }

    @Test
    void wordsInAnotherOrderStillFindThePrompt() {
        UUID owner = UUID.randomUUID();
        UUID stormy = rows.insert(owner, row -> row.prompt = "a lighthouse in a storm");
        rows.insert(owner, row -> row.prompt = "a red fox in the snow");

        assertEquals(List.of(stormy), search(owner, "storm lighthouse"));
    }

    @Test
    void theNameIsSearchedToo() {
        UUID owner = UUID.randomUUID();
        UUID named = rows.insert(owner, row -> {
            row.name = "Harbour lights";
            row.prompt = "boats and cranes";
        });
        rows.insert(owner, row -> row.prompt = "a red fox in the snow");

        assertEquals(List.of(named), search(owner, "harbor"));
    }

    @Test
    void theCloserMatchComesFirstWhateverItsAge() {
        UUID owner = UUID.randomUUID();
        UUID exact = rows.insert(owner, row -> {
            row.prompt = "a lighthouse in a storm";
            row.createdAt = at(1);
        });
        UUID looser = rows.insert(owner, row -> {
            row.prompt = "a lighthouse at dusk";
            row.createdAt = at(2);
        });
        rows.insert(owner, row -> {
            row.prompt = "a red fox in the snow";
            row.createdAt = at(3);
        });

        assertEquals(List.of(exact, looser), search(owner, "lighthouse storm"),
                "the prompt with both words first, though it is older");
        assertEquals(List.of(looser, exact), ids(owner, Map.of("q", "lighthouse storm", "sort", "newest")),
                "sort=newest orders the same matches by date");
        assertEquals(List.of(exact, looser), ids(owner, Map.of("q", "lighthouse storm", "sort", "oldest")));
    }

    @Test
    void equallyCloseMatchesComeNewestFirst() {
        UUID owner = UUID.randomUUID();
        UUID older = rows.insert(owner, row -> {
            row.prompt = "a lighthouse";
            row.createdAt = at(1);
        });
        UUID newer = rows.insert(owner, row -> {
            row.prompt = "a lighthouse";
            row.createdAt = at(2);
        });

        assertEquals(List.of(newer, older), search(owner, "lighthouse"));
    }

    @Test
    void searchNeverReturnsAnotherUsersImages() {
        UUID owner = UUID.randomUUID();
        UUID stranger = UUID.randomUUID();
        rows.insert(stranger, row -> row.prompt = "a lighthouse on a cliff at night");
        rows.insert(stranger, row -> row.name = "Lighthouse");

        assertEquals(List.of(), search(owner, "lighthouse"));

        UUID own = rows.insert(owner, row -> row.prompt = "my lighthouse");
        assertEquals(List.of(own), search(owner, "lighthouse"));
    }

    @Test
    void trashedImagesAreNotFound() {
        UUID owner = UUID.randomUUID();
        rows.insert(owner, row -> {
            row.prompt = "a lighthouse";
            row.deletedAt = at(5);
        });

        assertEquals(List.of(), search(owner, "lighthouse"));
    }

    @Test
    void unrelatedTextFindsNothing() {
        UUID owner = UUID.randomUUID();
        rows.insert(owner, row -> row.prompt = "a lighthouse on a cliff at night");

        assertEquals(List.of(), search(owner, "volcano"));
    }

    @Test
    void cursorInRelevanceOrderVisitsEachMatchExactlyOnce() {
        UUID owner = UUID.randomUUID();
        List<UUID> matches = new ArrayList<>();
        String[] prompts = { "a lighthouse", "a lighthouse in a storm", "the old lighthouse keeper",
                "lighthouse", "a lighthouse keeper", "lighthouses at dawn" };
        for (int index = 0; index < 12; index++) {
            String prompt = prompts[index % prompts.length];
            // Equal prompts score the same; half of them also share a creation time, leaving only the id to order.
            int second = index / 2;
            matches.add(rows.insert(owner, row -> {
                row.prompt = prompt;
                row.createdAt = at(second);
            }));
            rows.insert(owner, row -> row.prompt = "a red fox in the snow");
        }

        Map<String, String> search = Map.of("q", "lighthouse");
        List<UUID> expected = ids(owner, search);
        assertEquals(new HashSet<>(matches), new HashSet<>(expected));

        for (int limit : new int[] { 1, 5 }) {
            List<UUID> walked = walk(owner, search, limit);
            assertEquals(expected, walked, "limit " + limit);
        }
    }

    @Test
    void pageNumbersWorkInRelevanceOrder() {
        UUID owner = UUID.randomUUID();
        for (int index = 0; index < 5; index++) {
            int second = index;
            rows.insert(owner, row -> {
                row.prompt = second % 2 == 0 ? "a lighthouse" : "a lighthouse in a storm at night";
                row.createdAt = at(second);
            });
        }
        List<UUID> all = ids(owner, Map.of("q", "lighthouse"));

        assertEquals(all.subList(2, 4), ids(owner, Map.of("q", "lighthouse", "limit", "2", "page", "2")));
    }

    @Test
    void aGeneratedImageIsFoundByItsPrompt() {
        UUID owner = UUID.randomUUID();
        GenerationCompleted job = fixtures.publishAndAwait(
                fixtures.completedJob(owner, null, "a lighthouse on a cliff at night", 1));

        given().auth().oauth2(token(owner)).queryParam("q", "lighthose")
                .when().get("/api/v1/images")
                .then().statusCode(200)
                .body("items.size()", equalTo(1))
                .body("items[0].id", equalTo(job.images().get(0).imageId().toString()));
    }

    private static List<UUID> search(UUID owner, String text) {
        return ids(owner, Map.of("q", text));
    }
}
