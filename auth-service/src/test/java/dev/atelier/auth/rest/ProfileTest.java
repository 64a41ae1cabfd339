package dev.atelier.auth.rest;

import static dev.atelier.auth.rest.Accounts.PASSWORD;
import static dev.atelier.auth.rest.Accounts.refresh;
import static dev.atelier.auth.rest.Accounts.signIn;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.atelier.testinfra.RealInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
@QuarkusTestResource(value = RealInfraResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealInfraResource.DATABASE, value = "auth"))
class ProfileTest {
    private static final String NEW_PASSWORD = "lamplighter on the moor";

    @Inject
    Database database;

    @Test
    void renamingChangesOnlyTheName() {
        JsonPath account = Accounts.newAccount();

        patch(account, Map.of("name", "  Augusta Ada King  "))
                .statusCode(200)
                .body("name", equalTo("Augusta Ada King"))
                .body("email", equalTo(account.getString("user.email")));
        me(account.getString("accessToken")).statusCode(200).body("name", equalTo("Augusta Ada King"));
        signIn(account.getString("user.email"), PASSWORD).statusCode(200);
    }

    @Test
    void changingThePasswordEndsEveryOtherSessionButKeepsTheCallers() {
        JsonPath first = Accounts.newAccount();
        String email = first.getString("user.email");
        JsonPath second = signIn(email, PASSWORD).statusCode(200).extract().jsonPath();

        patch(second, Map.of("currentPassword", PASSWORD, "newPassword", NEW_PASSWORD)).statusCode(200);

        refresh(first.getString("refreshToken")).statusCode(401);
        refresh(second.getString("refreshToken")).statusCode(200);
        signIn(email, PASSWORD).statusCode(401);
        signIn(email, NEW_PASSWORD).statusCode(200);
    }

    @Test
    void aNewPasswordNeedsTheCurrentOne() {
        JsonPath account = Accounts.newAccount();

        patch(account, Map.of("newPassword", NEW_PASSWORD))
                .statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("currentPassword"));
        patch(account, Map.of("currentPassword", "not my password at all", "newPassword", NEW_PASSWORD))
                .statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("urn:problem:atelier:wrong-password"));
        signIn(account.getString("user.email"), PASSWORD).statusCode(200);
    }

    @ParameterizedTest
    @ValueSource(strings = { "password1234", "short", "Sunshine2024!!" })
    void aWeakNewPasswordIsRefusedAndTheOldOneStays(String weak) {
        JsonPath account = Accounts.newAccount();

        patch(account, Map.of("currentPassword", PASSWORD, "newPassword", weak))
                .statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("newPassword"));
        signIn(account.getString("user.email"), PASSWORD).statusCode(200);
    }

    @Test
    void theEmailAsNewPasswordIsRefused() {
        JsonPath account = Accounts.newAccount();
        String email = account.getString("user.email");

        patch(account, Map.of("currentPassword", PASSWORD, "newPassword", email.toUpperCase()))
                .statusCode(400).body("errors.field", hasItem("newPassword"));
    }

    @Test
    void nothingToChangeIsABadRequest() {
        JsonPath account = Accounts.newAccount();

        patch(account, Map.of()).statusCode(400).contentType("application/problem+json");
        patch(account, Map.of("currentPassword", PASSWORD)).statusCode(400);
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "   ", "Ada\u202Eecalevol", "Ada\u0000", "Ada\u200B" })
    void anInvalidNameIsRefusedAndTheOldOneStays(String name) {
        JsonPath account = Accounts.newAccount();

        patch(account, Map.of("name", name)).statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("name"));
        me(account.getString("accessToken")).body("name", equalTo("Ada Lovelace"));
    }

    @Test
    void profileRoutesNeedAToken() {
        given().contentType(ContentType.JSON).body(Map.of("name", "X")).when().patch("/api/v1/users/me")
                .then().statusCode(401).contentType("application/problem+json");
        given().when().get("/api/v1/users/me").then().statusCode(401).contentType("application/problem+json");
    }

    static ValidatableResponse patch(JsonPath account, Object body) {
        return given().auth().oauth2(account.getString("accessToken")).contentType(ContentType.JSON).body(body)
                .when().patch("/api/v1/users/me").then();
    }

    static ValidatableResponse me(String accessToken) {
        return given().auth().oauth2(accessToken).when().get("/api/v1/users/me").then();
    }
}
