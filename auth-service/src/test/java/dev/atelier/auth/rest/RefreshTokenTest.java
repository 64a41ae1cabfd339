package dev.atelier.auth.rest;

import static dev.atelier.auth.rest.Accounts.refresh;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.atelier.auth.domain.OpaqueToken;
import dev.atelier.testinfra.RealInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Row;

@QuarkusTest
@QuarkusTestResource(value = RealInfraResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealInfraResource.DATABASE, value = "auth"))
class RefreshTokenTest {
    private static final String INVALID = "urn:problem:atelier:invalid-refresh-token";

    @Inject
    Database database;

    @Test
    void refreshTokensAreStoredOnlyAsTheirHash() {
        JsonPath account = Accounts.newAccount();
        String token = account.getString("refreshToken");

        Row row = database.query("select * from refresh_tokens where token_hash = $1", OpaqueToken.hashOf(token))
                .iterator().next();

        assertEquals(account.getString("user.id"), row.getUUID("user_id").toString());
        assertEquals(0, database.query("select 1 from refresh_tokens where token_hash = $1", token).size());
        long days = java.time.Duration.between(row.getOffsetDateTime("created_at"),
                row.getOffsetDateTime("expires_at")).toDays();
        assertEquals(30, days);
    }

    @Test
    void refreshingIssuesANewPairForTheSameUser() {
        JsonPath account = Accounts.newAccount();
        String first = account.getString("refreshToken");

        JsonPath refreshed = refresh(first)
                .statusCode(200)
                .body("user.id", equalTo(account.getString("user.id")))
                .body("expiresIn", equalTo(900))
                .body("refreshToken", not(equalTo(first)))
                .extract().jsonPath();

        given().auth().oauth2(refreshed.getString("accessToken")).when().get("/api/v1/users/me")
                .then().statusCode(200).body("id", equalTo(account.getString("user.id")));
        refresh(refreshed.getString("refreshToken")).statusCode(200);
    }

    @Test
    void reusingARotatedTokenRevokesTheWholeSession() {
        String first = Accounts.newAccount().getString("refreshToken");
        String second = refresh(first).statusCode(200).extract().path("refreshToken");

        refresh(first).statusCode(401).contentType("application/problem+json").body("type", equalTo(INVALID));

        // The legitimate holder's newer token died with the session.
        refresh(second).statusCode(401).body("type", equalTo(INVALID));
        Row family = database.query("select count(*) filter (where revoked_at is null) as live from refresh_tokens"
                + " where family = (select family from refresh_tokens where token_hash = $1)",
                OpaqueToken.hashOf(first)).iterator().next();
        assertEquals(0, family.getLong("live"));
    }

    @Test
    void anotherSessionOfTheSameUserSurvivesAReuse() {
        JsonPath account = Accounts.newAccount();
        String stolen = account.getString("refreshToken");
        String otherSession = Accounts.signIn(account.getString("user.email"), Accounts.PASSWORD)
                .statusCode(200).extract().path("refreshToken");
        refresh(stolen).statusCode(200);

        refresh(stolen).statusCode(401);

        refresh(otherSession).statusCode(200);
    }

    @Test
    void signingOutEndsTheSession() {
        String token = Accounts.newAccount().getString("refreshToken");

        Accounts.post("/api/v1/auth/signout", Map.of("refreshToken", token)).statusCode(204);

        refresh(token).statusCode(401).body("type", equalTo(INVALID));
        assertNotNull(database.query("select revoked_at from refresh_tokens where token_hash = $1",
                OpaqueToken.hashOf(token)).iterator().next().getOffsetDateTime("revoked_at"));
    }

    @Test
    void signingOutWithAnUnknownTokenStillSucceeds() {
        Accounts.post("/api/v1/auth/signout", Map.of("refreshToken", OpaqueToken.generate().value()))
                .statusCode(204);
    }

    @Test
    void anUnknownRefreshTokenIsUnauthorized() {
        refresh(OpaqueToken.generate().value())
                .statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo(INVALID));
    }

    @Test
    void aBlankRefreshTokenIsABadRequest() {
        refresh(" ").statusCode(400).contentType("application/problem+json");
    }
}
