package dev.atelier.auth.rest;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/** Test users: each test makes its own, so tests never depend on each other's data. */
final class Accounts {
    static final String PASSWORD = "correct horse battery";

    private Accounts() {
    }

    static String uniqueEmail() {
        return "user-" + UUID.randomUUID() + "@example.com";
    }

    /**
     * Each request comes from its own documentation address (RFC 5737), as the gateway would say in
     * X-Forwarded-For, so tests never add up to the per-address sign-in limit together; throttling tests pick theirs.
     */
    static ValidatableResponse post(String path, Object body) {
        return given().header("X-Forwarded-For", randomAddress()).contentType(ContentType.JSON).body(body)
                .when().post(path).then();
    }

    static ValidatableResponse postFrom(String address, String path, Object body) {
        return given().header("X-Forwarded-For", address).contentType(ContentType.JSON).body(body)
                .when().post(path).then();
    }

    static String randomAddress() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        return "198.51." + random.nextInt(100, 200) + "." + random.nextInt(1, 255);
    }

    static ValidatableResponse signUp(String name, String email, String password) {
        return post("/api/v1/auth/signup", Map.of("name", name, "email", email, "password", password));
    }

    /** A fresh account: the sign-up response (user, accessToken, refreshToken, expiresIn). */
    static JsonPath newAccount() {
        return signUp("Ada Lovelace", uniqueEmail(), PASSWORD).statusCode(201).extract().jsonPath();
    }

    static ValidatableResponse signIn(String email, String password) {
        return post("/api/v1/auth/signin", Map.of("email", email, "password", password));
    }

    static ValidatableResponse refresh(String refreshToken) {
        return post("/api/v1/auth/refresh", Map.of("refreshToken", refreshToken));
    }
}
