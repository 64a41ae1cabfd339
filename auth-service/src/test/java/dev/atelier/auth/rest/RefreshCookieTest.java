package dev.atelier.auth.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.atelier.testinfra.RealInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Browser clients ({@code X-Atelier-Client: web}) keep the refresh token in an HttpOnly cookie that scripts cannot
 * read; every other client keeps the JSON-body flow unchanged.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfraResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealInfraResource.DATABASE, value = "auth"))
class RefreshCookieTest {
    private static final String INVALID = "urn:problem:atelier:invalid-refresh-token";
    private static final long THIRTY_DAYS = 30L * 24 * 3600;

    @Test
    void aWebSignUpPutsTheRefreshTokenInAnHttpOnlyStrictCookieAndNotInTheBody() {
        ExtractableResponse<Response> response = web().body(Map.of("name", "Dorothy", "email", Accounts.uniqueEmail(),
                "password", Accounts.PASSWORD)).when().post("/api/v1/auth/signup")
                .then().statusCode(201)
                .header("Cache-Control", "no-store")
                .body("$", not(hasKey("refreshToken")))
                .body("accessToken", not(equalTo(null)))
                .extract();

        String cookie = setCookie(response);
        assertTrue(cookie.startsWith(RefreshCookie.NAME + "="), cookie);
        assertTrue(value(cookie).length() > 20, cookie);
        assertAttributes(cookie, THIRTY_DAYS);
        assertFalse(cookie.contains("Secure"), "plain http from a client: not Secure: " + cookie);
    }

    @Test
    void aWebSignInBehindAnHttpsProxyGetsASecureCookie() {
        String email = Accounts.uniqueEmail();
        Accounts.signUp("Dorothy", email, Accounts.PASSWORD).statusCode(201);

        String cookie = setCookie(web().header("X-Forwarded-Proto", "https")
                .body(Map.of("email", email, "password", Accounts.PASSWORD))
                .when().post("/api/v1/auth/signin")
                .then().statusCode(200).header("Cache-Control", "no-store")
                .body("$", not(hasKey("refreshToken"))).extract());

        assertAttributes(cookie, THIRTY_DAYS);
        assertTrue(cookie.contains("; Secure"), cookie);
    }

    @Test
    void otherClientsStillGetTheRefreshTokenInTheBodyAndNoCookie() {
        ExtractableResponse<Response> response = Accounts.signUp("Dorothy", Accounts.uniqueEmail(), Accounts.PASSWORD)
                .statusCode(201).header("Cache-Control", "no-store").extract();

        assertTrue(response.path("refreshToken") instanceof String);
        assertEquals(null, response.header("Set-Cookie"));
    }

    @Test
    void aWebRefreshWithOnlyTheCookieRotatesItAndReusingTheOldOneEndsTheSession() {
        String first = value(setCookie(webSignUp()));

        String second = value(setCookie(web().cookie(RefreshCookie.NAME, first).when().post("/api/v1/auth/refresh")
                .then().statusCode(200).header("Cache-Control", "no-store")
                .body("$", not(hasKey("refreshToken"))).body("user.name", equalTo("Dorothy")).extract()));
        assertNotEquals(first, second);

        // The old cookie again (a stolen copy): refused, the cookie cleared, and the whole family revoked.
        String cleared = setCookie(web().cookie(RefreshCookie.NAME, first).when().post("/api/v1/auth/refresh")
                .then().statusCode(401).contentType("application/problem+json").body("type", equalTo(INVALID))
                .extract());
        assertAttributes(cleared, 0);
        assertEquals("", value(cleared));
        web().cookie(RefreshCookie.NAME, second).when().post("/api/v1/auth/refresh").then().statusCode(401);
    }

    @Test
    void aWebRefreshAlsoTakesTheTokenFromTheBody() {
        String token = Accounts.newAccount().getString("refreshToken");

        web().body(Map.of("refreshToken", token)).when().post("/api/v1/auth/refresh")
                .then().statusCode(200).body("$", not(hasKey("refreshToken")));
    }

    @Test
    void aWebRefreshWithoutAnyTokenIsUnauthorizedAndClearsTheCookie() {
        String cleared = setCookie(web().when().post("/api/v1/auth/refresh")
                .then().statusCode(401).contentType("application/problem+json").body("type", equalTo(INVALID))
                .extract());
        assertAttributes(cleared, 0);
        web().body("{}").when().post("/api/v1/auth/refresh").then().statusCode(401);
    }

    @Test
    void withoutTheHeaderTheCookieIsNeverRead() {
        String token = value(setCookie(webSignUp()));

        // A cross-site form could send the cookie, but not the header: refused as a request without a token.
        given().contentType(ContentType.JSON).cookie(RefreshCookie.NAME, token).body("{}")
                .when().post("/api/v1/auth/refresh")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("refreshToken"));
        given().contentType(ContentType.JSON).cookie(RefreshCookie.NAME, token)
                .when().post("/api/v1/auth/signout")
                .then().statusCode(400);
        // Neither call used the token up.
        web().cookie(RefreshCookie.NAME, token).when().post("/api/v1/auth/refresh").then().statusCode(200);
    }

    @Test
    void aWebSignOutEndsTheSessionOfTheCookieAndClearsIt() {
        String token = value(setCookie(webSignUp()));

        String cleared = setCookie(web().cookie(RefreshCookie.NAME, token).when().post("/api/v1/auth/signout")
                .then().statusCode(204).extract());

        assertAttributes(cleared, 0);
        web().cookie(RefreshCookie.NAME, token).when().post("/api/v1/auth/refresh").then().statusCode(401);
        // Signing out without a cookie is still fine.
        web().when().post("/api/v1/auth/signout").then().statusCode(204);
    }

    private static ExtractableResponse<Response> webSignUp() {
        return web().body(Map.of("name", "Dorothy", "email", Accounts.uniqueEmail(), "password", Accounts.PASSWORD))
                .when().post("/api/v1/auth/signup").then().statusCode(201).extract();
    }

    private static RequestSpecification web() {
        return given().header("X-Forwarded-For", Accounts.randomAddress()).header(RefreshCookie.CLIENT_HEADER, "web")
                .contentType(ContentType.JSON);
    }

    private static String setCookie(ExtractableResponse<Response> response) {
        String header = response.header("Set-Cookie");
        assertTrue(header != null && header.startsWith(RefreshCookie.NAME + "="), "Set-Cookie: " + header);
        return header;
    }

    private static String value(String setCookie) {
        return setCookie.substring(setCookie.indexOf('=') + 1, setCookie.indexOf(';'));
    }

    private static void assertAttributes(String cookie, long maxAge) {
        assertTrue(cookie.contains("; Path=/api/v1/auth"), cookie);
        assertTrue(cookie.contains("; HttpOnly"), cookie);
        assertTrue(cookie.contains("; SameSite=Strict"), cookie);
        assertTrue(cookie.contains("; Max-Age=" + maxAge), cookie);
    }
}
