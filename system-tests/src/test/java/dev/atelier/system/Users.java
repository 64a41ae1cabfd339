package dev.atelier.system;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/** A user who signed up through the gateway. */
record Users(String id, String email, String password, String accessToken) {

    static Users signUp(String name) {
        String email = name.toLowerCase() + "-" + UUID.randomUUID() + "@example.test";
        String password = "correct horse battery staple";
        ExtractableResponse<Response> response = given().contentType(ContentType.JSON)
                .body(Map.of("name", name, "email", email, "password", password))
                .when().post("/api/v1/auth/signup")
                .then().statusCode(201).extract();
        return new Users(response.path("user.id"), email, password, response.path("accessToken"));
    }

    String bearer() {
        return "Bearer " + accessToken;
    }
}
