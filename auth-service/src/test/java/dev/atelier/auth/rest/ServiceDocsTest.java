package dev.atelier.auth.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import org.junit.jupiter.api.Test;

import dev.atelier.testinfra.RealInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = RealInfraResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealInfraResource.DATABASE, value = "auth"))
class ServiceDocsTest {

    @Test
    void theOpenApiDocumentListsEveryRoute() {
        given().queryParam("format", "json").when().get("/q/openapi").then()
                .statusCode(200)
                .body("paths.keySet()", hasItem("/api/v1/auth/signup"))
                .body("paths.keySet()", hasItem("/api/v1/auth/signin"))
                .body("paths.keySet()", hasItem("/api/v1/auth/refresh"))
                .body("paths.keySet()", hasItem("/api/v1/auth/signout"))
                .body("paths.keySet()", hasItem("/api/v1/auth/verify"))
                .body("paths.keySet()", hasItem("/api/v1/users/me"))
                .body("paths.keySet()", hasItem("/.well-known/jwks.json"));
    }

    @Test
    void readinessReportsTheDatabaseAndTheSigningKey() {
        given().when().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("signing-key"))
                .body(containsString("Reactive PostgreSQL connections health check"));
    }
}
