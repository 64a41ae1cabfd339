package dev.atelier.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(EchoUpstream.class)
class GatewayTest {
    @TestHTTPResource("/")
    URI url;

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
    void tellsTheServiceTheClientAddressAndIgnoresOneTheClientClaims() {
        given().header("X-Forwarded-For", "203.0.113.7").header("Forwarded", "for=203.0.113.7")
                .when().get("/api/v1/auth/verify")
                .then().statusCode(200)
                .body("forwardedFor", equalTo("127.0.0.1"))
                .body("forwardedProto", equalTo("http"))
                .body("forwarded", nullValue());
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
    void longLivedStreamsToOneServiceDoNotBlockItsOtherRequests() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        int streams = 12;
        List<CompletableFuture<HttpResponse<Void>>> held = new ArrayList<>();
        try {
            for (int i = 0; i < streams; i++) {
                held.add(http.sendAsync(HttpRequest.newBuilder(URI.create(url + "api/v1/users/" + i + "/hold")).build(),
                        HttpResponse.BodyHandlers.discarding()));
            }
            // Every stream reaches the upstream at once: none waits for a pooled connection another one holds.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (EchoUpstream.HELD.size() < streams && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(streams, EchoUpstream.HELD.size(), "streams open at the upstream");
            given().when().get("/api/v1/users/me").then().statusCode(200).body("uri", equalTo("/api/v1/users/me"));
        } finally {
            EchoUpstream.releaseHeld();
        }
        for (CompletableFuture<HttpResponse<Void>> response : held) {
            assertEquals(200, response.get(30, TimeUnit.SECONDS).statusCode());
        }
    }

    @Test
    void keepsItsOwnHealthEndpoints() {
        given().when().get("/q/health/ready").then().statusCode(200).body("uri", nullValue());
    }

    @Test
    void aSafeRequestWhoseUpstreamConnectionClosedBeforeAnsweringIsSentOnceMore() {
        given().header("X-Test-Id", java.util.UUID.randomUUID().toString())
                .when().get("/api/v1/images/drop-first?q=1")
                .then().statusCode(200)
                .body("uri", equalTo("/api/v1/images/drop-first?q=1"))
                .body("attempt", equalTo(2));
    }

    @Test
    void aRequestWithABodyIsNeverRepeated() {
        String test = java.util.UUID.randomUUID().toString();
        given().header("X-Test-Id", test).contentType("application/json").body("{\"a\":1}")
                .when().post("/api/v1/images/drop-first")
                .then().statusCode(502);
        assertEquals(1, EchoUpstream.ATTEMPTS.get(test));
    }
}
