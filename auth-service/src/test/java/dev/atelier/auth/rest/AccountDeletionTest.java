package dev.atelier.auth.rest;

import static dev.atelier.auth.rest.Accounts.PASSWORD;
import static dev.atelier.auth.rest.Accounts.refresh;
import static dev.atelier.auth.rest.Accounts.signIn;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.atelier.testinfra.RealInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Row;

@QuarkusTest
@QuarkusTestResource(value = RealInfraResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealInfraResource.DATABASE, value = "auth"))
class AccountDeletionTest {

    @Inject
    Database database;

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void deletingWithThePasswordRemovesTheAccountAndItsSessionsAndQueuesUserDeleted() {
        JsonPath account = Accounts.newAccount();
        String email = account.getString("user.email");
        UUID userId = UUID.fromString(account.getString("user.id"));

        delete(account.getString("accessToken"), Map.of("password", PASSWORD)).statusCode(202);

        assertEquals(0, count("select count(*) from users where id = $1", userId));
        assertEquals(0, count("select count(*) from refresh_tokens where user_id = $1", userId));
        Row event = database.query("select topic, message_key, jsonb_typeof(payload) as shape, payload::text as json"
                + " from outbox where aggregate_id = $1", userId).iterator().next();
        assertEquals("user.deleted", event.getString("topic"));
        assertEquals(userId.toString(), event.getString("message_key"));
        assertEquals("object", event.getString("shape"));
        assertEquals(userId.toString(), new io.vertx.core.json.JsonObject(event.getString("json")).getString("userId"));
        refresh(account.getString("refreshToken")).statusCode(401);
        signIn(email, PASSWORD).statusCode(401);

        PublishedEvents.Published published = PublishedEvents.await(bootstrapServers, "user.deleted", userId);
        assertEquals("user.deleted", published.eventType());
        assertEquals(userId.toString(), published.body().getString("userId"));
        assertEquals(1, published.body().getInteger("version"));
    }

    @Test
    void aStillValidAccessTokenOfADeletedAccountIsRefused() {
        JsonPath account = Accounts.newAccount();
        delete(account.getString("accessToken"), Map.of("password", PASSWORD)).statusCode(202);

        ProfileTest.me(account.getString("accessToken"))
                .statusCode(401).contentType("application/problem+json")
                .body("type", equalTo("urn:problem:atelier:account-deleted"));
        delete(account.getString("accessToken"), Map.of("password", PASSWORD)).statusCode(401);
    }

    @Test
    void aWrongOrMissingPasswordDeletesNothing() {
        JsonPath account = Accounts.newAccount();
        UUID userId = UUID.fromString(account.getString("user.id"));

        delete(account.getString("accessToken"), Map.of("password", "not my password at all"))
                .statusCode(403).contentType("application/problem+json");
        delete(account.getString("accessToken"), Map.of()).statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(account.getString("accessToken")).when().delete("/api/v1/users/me")
                .then().statusCode(400).contentType("application/problem+json");

        assertEquals(1, count("select count(*) from users where id = $1", userId));
        assertEquals(0, count("select count(*) from outbox where aggregate_id = $1", userId));
        signIn(account.getString("user.email"), PASSWORD).statusCode(200);
    }

    @Test
    void deletingNeedsAToken() {
        given().contentType(ContentType.JSON).body(Map.of("password", PASSWORD)).when().delete("/api/v1/users/me")
                .then().statusCode(401).contentType("application/problem+json");
    }

    private long count(String sql, Object... args) {
        return database.query(sql, args).iterator().next().getLong(0);
    }

    static ValidatableResponse delete(String accessToken, Object body) {
        return given().auth().oauth2(accessToken).contentType(ContentType.JSON).body(body)
                .when().delete("/api/v1/users/me").then();
    }
}
