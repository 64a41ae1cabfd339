package dev.atelier.auth.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.atelier.testinfra.RealInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Every JSON endpoint × malformed or hostile bodies: never a 5xx; a refusal is a 4xx {@code application/problem+json}
 * and leaves the users table as it was. A few hostile-looking bodies are valid requests and succeed as such (SQL in
 * a name is just a name; signing out with an unknown token is a no-op).
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfraResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealInfraResource.DATABASE, value = "auth"))
class HostileInputTest {
    private static final List<String[]> ENDPOINTS = List.of(
            new String[] { "POST", "/api/v1/auth/signup", "none" },
            new String[] { "POST", "/api/v1/auth/signin", "none" },
            new String[] { "POST", "/api/v1/auth/refresh", "none" },
            new String[] { "POST", "/api/v1/auth/signout", "none" },
            new String[] { "PATCH", "/api/v1/users/me", "user" },
            new String[] { "DELETE", "/api/v1/users/me", "user" },
            new String[] { "PATCH", "/api/v1/admin/users/00000000-0000-0000-0000-000000000001", "admin" },
            new String[] { "POST", "/api/v1/admin/users/00000000-0000-0000-0000-000000000001/credits", "admin" });

    private static final List<String[]> BODIES = List.of(
            new String[] { "an array", "[]" },
            new String[] { "a string", "\"hello\"" },
            new String[] { "a number", "42" },
            new String[] { "null", "null" },
            new String[] { "wrong types", "{\"name\":[1],\"email\":{\"$gt\":\"\"},\"password\":true,"
                    + "\"refreshToken\":7,\"newPassword\":{},\"tier\":[],\"amount\":\"many\",\"reason\":1}" },
            new String[] { "SQL in every field", "{\"name\":\"x'); drop table users;--\",\"email\":\"' or 1=1--\","
                    + "\"password\":\"' or ''='\",\"refreshToken\":\"' or 1=1--\",\"tier\":\"free' --\"}" },
            new String[] { "deep nesting", "[".repeat(5_000) + "]".repeat(5_000) },
            new String[] { "truncated", "{\"email\":\"a@b.c\",\"password\":" },
            new String[] { "a 10 kB password", "{\"name\":\"x\",\"email\":\"x@example.com\",\"password\":\""
                    + "p".repeat(10_000) + "\",\"currentPassword\":\"" + "p".repeat(10_000) + "\"}" },
            new String[] { "a huge body", "{\"name\":\"" + "x".repeat(64 * 1024) + "\"}" },
            new String[] { "duplicate keys", "{\"email\":\"a@example.com\",\"email\":\"b@example.com\"}" });

    /** The hostile-looking bodies that are valid requests. */
    private static final List<String> ACCEPTED = List.of(
            "/api/v1/users/me SQL in every field",
            "/api/v1/auth/signout SQL in every field",
            "/api/v1/auth/signout wrong types");

    @Inject
    Database database;

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (String[] endpoint : ENDPOINTS) {
            for (String[] body : BODIES) {
                cases.add(Arguments.of(endpoint[0] + " " + endpoint[1] + " with " + body[0], endpoint, body[1]));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void hostileBodiesGetAProblemNotAServerError(String name, String[] endpoint, String body) {
        long users = database.query("select count(*) from users").iterator().next().getLong(0);
        RequestSpecification request = given().header("X-Forwarded-For", Accounts.randomAddress())
                .contentType("application/json").body(body.getBytes(StandardCharsets.UTF_8));
        if (endpoint[2].equals("user")) {
            request.auth().oauth2(Accounts.newAccount().getString("accessToken"));
            users++;
        } else if (endpoint[2].equals("admin")) {
            request.auth().oauth2(AdminTest.adminToken());
            users = database.query("select count(*) from users").iterator().next().getLong(0);
        }

        Response response = request.when().request(endpoint[0], endpoint[1]);

        int status = response.statusCode();
        assertTrue(status < 500, name + " answered " + status + ": " + response.asString());
        if (status >= 400) {
            assertTrue(String.valueOf(response.contentType()).startsWith("application/problem+json"),
                    name + " answered " + status + " " + response.contentType() + ": " + response.asString());
            assertEquals(users, database.query("select count(*) from users").iterator().next().getLong(0), name);
        } else {
            assertTrue(ACCEPTED.contains(endpoint[1] + " " + name.substring(name.indexOf(" with ") + 6)),
                    name + " was accepted with " + status);
        }
    }
}
