package dev.atelier.image.rest;

import static dev.atelier.image.Fixtures.BASE;
import static dev.atelier.image.Fixtures.as;
import static dev.atelier.image.Fixtures.submit;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.atelier.problem.Problem;
import dev.atelier.testinfra.RealInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = RealInfraResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealInfraResource.DATABASE, value = "image"))
class ListGenerationsTest {

    @Test
    void jobsAreListedNewestFirstPageByPage() {
        UUID user = UUID.randomUUID();
        String first = submit(user, "{\"prompt\":\"one\",\"style\":\"artistic\"}").toString();
        String second = submit(user, "{\"prompt\":\"two\",\"style\":\"artistic\"}").toString();
        String third = submit(user, "{\"prompt\":\"three\",\"style\":\"artistic\"}").toString();

        String cursor = as(user).queryParam("limit", 2).get(BASE).then()
                .statusCode(200)
                .body("items.id", contains(third, second))
                .body("items[0].prompt", equalTo("three"))
                .body("nextCursor", notNullValue())
                .extract().path("nextCursor");
        as(user).queryParam("limit", 2).queryParam("cursor", cursor).get(BASE).then()
                .statusCode(200)
                .body("items.id", contains(first))
                .body("nextCursor", nullValue());
        as(user).get(BASE).then().statusCode(200).body("items.id", contains(third, second, first));
    }

    @Test
    void anotherUserSeesAnEmptyList() {
        submit(UUID.randomUUID(), "{\"prompt\":\"mine\",\"style\":\"minimal\"}");
        as(UUID.randomUUID()).get(BASE).then().statusCode(200).body("items", empty());
    }

    @Test
    void aLimitOutOfRangeOrAForgedCursorIsA400NamingIt() {
        UUID user = UUID.randomUUID();
        as(user).queryParam("limit", 0).get(BASE).then()
                .statusCode(400).contentType(Problem.MEDIA_TYPE).body("errors.field", hasItem("limit"));
        as(user).queryParam("limit", 51).get(BASE).then()
                .statusCode(400).contentType(Problem.MEDIA_TYPE).body("errors.field", hasItem("limit"));
        as(user).queryParam("cursor", "forged").get(BASE).then()
                .statusCode(400).contentType(Problem.MEDIA_TYPE).body("errors.field", hasItem("cursor"));
    }
}
