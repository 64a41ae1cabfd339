package dev.atelier.gallery.rest;

import static dev.atelier.gallery.GalleryFixtures.token;
import static dev.atelier.gallery.GalleryRows.at;
import static dev.atelier.gallery.rest.ImageListFiltersTest.ids;
import static dev.atelier.gallery.rest.ImageListFiltersTest.list;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.atelier.gallery.GalleryRows;
import dev.atelier.testinfra.RealInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** {@code job=<id>}: the images one generation job made, so a client can wait for them without 404s. */
@QuarkusTest
@QuarkusTestResource(value = RealInfraResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealInfraResource.DATABASE, value = "gallery"))
class ImageListByJobTest {

    @Inject
    GalleryRows rows;

    @Test
    void onlyThatJobsLiveImagesComeInTheAskedOrder() {
        UUID owner = UUID.randomUUID();
        UUID job = UUID.randomUUID();
        UUID first = rows.insert(owner, row -> {
            row.jobId = job;
            row.createdAt = at(1);
        });
        UUID second = rows.insert(owner, row -> {
            row.jobId = job;
            row.createdAt = at(2);
        });
        rows.insert(owner, row -> {
            row.jobId = job;
            row.createdAt = at(3);
            row.deletedAt = at(4);
        });
        rows.insert(owner, row -> row.jobId = UUID.randomUUID());
        rows.insert(owner, row -> row.source = "uploaded");

        assertEquals(List.of(first, second), ids(owner, Map.of("job", job.toString(), "sort", "oldest")));
        assertEquals(List.of(second, first), ids(owner, Map.of("job", job.toString())));
    }

    @Test
    void aJobWithNothingStoredYetOrSomeoneElsesIsAnEmptyList() {
        UUID owner = UUID.randomUUID();
        UUID job = UUID.randomUUID();
        rows.insert(owner, row -> row.jobId = job);

        assertEquals(List.of(), ids(owner, Map.of("job", UUID.randomUUID().toString())));
        assertEquals(List.of(), ids(UUID.randomUUID(), Map.of("job", job.toString())));
    }

    @Test
    void itCombinesWithTheOtherFilters() {
        UUID owner = UUID.randomUUID();
        UUID job = UUID.randomUUID();
        UUID favourite = rows.insert(owner, row -> {
            row.jobId = job;
            row.favorite = true;
        });
        rows.insert(owner, row -> row.jobId = job);

        assertEquals(List.of(favourite), ids(owner, Map.of("job", job.toString(), "favorite", "true")));
    }

    @Test
    void aCursorOfOneJobsListDoesNotContinueAnotherList() {
        UUID owner = UUID.randomUUID();
        UUID job = UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            int second = i;
            rows.insert(owner, row -> {
                row.jobId = job;
                row.createdAt = at(second);
            });
        }
        String cursor = list(owner, Map.of("job", job.toString(), "limit", "2")).getString("nextCursor");

        assertEquals(1, ids(owner, Map.of("job", job.toString(), "limit", "2", "cursor", cursor)).size());
        for (Map<String, String> other : List.of(Map.of("cursor", cursor),
                Map.of("job", UUID.randomUUID().toString(), "cursor", cursor))) {
            given().auth().oauth2(token(owner)).queryParams(other).when().get("/api/v1/images")
                    .then().statusCode(400).body("errors.field", hasItem("cursor"));
        }
    }

    @Test
    void aMalformedJobIdIsA400NamingIt() {
        for (String bad : List.of("42", "not-a-uuid", "1-1-1-1-1", "../../etc")) {
            given().auth().oauth2(token(UUID.randomUUID())).queryParam("job", bad).when().get("/api/v1/images")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("job"));
        }
    }
}
