package dev.atelier.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(EchoUpstream.class)
class WebAppTest {
    private static final String APP_MARKER = "<title>Atelier</title>";

    @Test
    void servesTheAppAtTheRootWithAStrictContentSecurityPolicy() {
        given().when().get("/")
                .then().statusCode(200)
                .contentType(startsWith("text/html"))
                .body(containsString(APP_MARKER))
                .header("Content-Security-Policy", startsWith("default-src 'none'; script-src 'self'; style-src 'self';"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("Referrer-Policy", equalTo("no-referrer"))
                .header("X-Frame-Options", equalTo("DENY"))
                .header("Cache-Control", equalTo("no-cache"));
    }

    @Test
    void answersDeepLinksOfTheAppWithItsPageSoReloadsWork() {
        for (String path : List.of("/images/8d7f5a64-1f0e-4e52-9b0e-3f1c2a7d9e10", "/generate", "/jobs/x", "/profile")) {
            given().when().get(path)
                    .then().statusCode(200)
                    .contentType(startsWith("text/html"))
                    .body(containsString(APP_MARKER))
                    .header("Content-Security-Policy", startsWith("default-src 'none'"));
        }
    }

    @Test
    void letsBrowsersKeepContentHashedAssetsForAYear() {
        given().when().get("/assets/probe-3f9a1c.js")
                .then().statusCode(200)
                .header("Cache-Control", equalTo("public, max-age=31536000, immutable"))
                .header("X-Content-Type-Options", equalTo("nosniff"));
    }

    @Test
    void aMissingFileIsA404NotTheApp() {
        given().when().get("/assets/nothing-here.js").then().statusCode(404)
                .header("Cache-Control", equalTo("no-cache"));
    }

    @Test
    void apiPathsAreNeverAnsweredWithTheApp() {
        given().when().get("/api/v1/nothing-routes-here")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .header("Content-Security-Policy", nullValue());
        given().when().get("/api/v1/images")
                .then().statusCode(200)
                .body("uri", equalTo("/api/v1/images"))
                .header("Content-Security-Policy", nullValue());
    }

    @Test
    void imagesMayComeFromTheConfiguredStorageOrigins() {
        assertEquals("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:"
                + " http://127.0.0.1:59000 https://s3.example.com; connect-src 'self'; font-src 'self';"
                + " manifest-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
                WebApp.contentSecurityPolicy(List.of("http://127.0.0.1:59000", " https://s3.example.com ", "")));
    }
}
