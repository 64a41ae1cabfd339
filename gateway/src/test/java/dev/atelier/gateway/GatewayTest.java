package dev.atelier.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(EchoUpstream.class)
class GatewayTest {

    @Test
    void forwardsMethodPathQueryBodyAndHeadersToTheRoutedService() {
        given().urlEncodingEnabled(false).contentType("application/json").header("Authorization", "Bearer abc")
                .body("{\"prompt\":\"a lighthouse\"}")
                .when().post("/api/v1/images/download?x=1&y=%C3%A9")
                .then().statusCode(200)
                .body("method", equalTo("POST"))
                .body("uri", equalTo("/api/v1/images/download?x=1&y=%C3%A9"))
                .body("body", equalTo("{\"prompt\":\"a lighthouse\"}"))
                .body("contentType", equalTo("application/json"))
                .body("authorization", equalTo("Bearer abc"));
    }

    @Test
    void servesTheJwksPathFromAuthService() {
        given().when().get("/.well-known/jwks.json").then().statusCode(200).body("uri", equalTo("/.well-known/jwks.json"));
    }

    @Test
    void passesUpstreamStatusCodesThrough() {
        given().when().get("/api/v1/users/teapot").then().statusCode(418);
    }

    @Test
    void matchesWholePathSegmentsOnly() {
        given().when().get("/api/v1/imagesX").then().statusCode(404)
                .contentType("application/problem+json").body("status", equalTo(404));
    }

    @Test
    void unknownApiRouteIsANotFoundProblem() {
        given().when().get("/api/v1/nothing-here").then().statusCode(404)
                .contentType("application/problem+json").body("title", equalTo("Not Found"));
    }

    @Test
    void anUpstreamThatIsDownGivesABadGatewayNotAHang() {
        given().when().get("/api/v1/generations").then().statusCode(502);
    }

    @Test
    void keepsItsOwnHealthEndpoints() {
        given().when().get("/q/health/ready").then().statusCode(200).body("uri", nullValue());
    }
}
