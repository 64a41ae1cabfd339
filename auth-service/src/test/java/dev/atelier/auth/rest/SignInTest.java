package dev.atelier.auth.rest;

import static dev.atelier.auth.rest.Accounts.PASSWORD;
import static dev.atelier.auth.rest.Accounts.signIn;
import static dev.atelier.auth.rest.Accounts.uniqueEmail;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.atelier.testinfra.RealInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@QuarkusTestResource(value = RealInfraResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealInfraResource.DATABASE, value = "auth"))
class SignInTest {

    @Inject
    Database database;

    @Test
    void signInWithTheRightPasswordIssuesNewTokensAndRecordsTheLogin() {
        JsonPath account = Accounts.newAccount();
        String email = account.getString("user.email");
        assertNull(database.user(email).getOffsetDateTime("last_login_at"));

        signIn("  " + email.toUpperCase(), PASSWORD)
                .statusCode(200)
                .body("user.id", equalTo(account.getString("user.id")))
                .body("user.email", equalTo(email))
                .body("expiresIn", equalTo(900))
                .body("refreshToken", not(equalTo(account.getString("refreshToken"))))
                .body("accessToken", not(equalTo(account.getString("accessToken"))));

        assertNotNull(database.user(email).getOffsetDateTime("last_login_at"));
    }

    @Test
    void aWrongPasswordAndAnUnknownEmailGetTheSameAnswer() {
        String email = Accounts.newAccount().getString("user.email");

        Map<String, Object> wrongPassword = signIn(email, PASSWORD + "!")
                .statusCode(401).contentType("application/problem+json")
                .extract().jsonPath().getMap("");
        Map<String, Object> unknownEmail = signIn(uniqueEmail(), PASSWORD)
                .statusCode(401).contentType("application/problem+json")
                .extract().jsonPath().getMap("");

        assertEquals("urn:problem:atelier:invalid-credentials", wrongPassword.get("type"));
        assertEquals(wrongPassword, unknownEmail);
        assertNull(database.user(email).getOffsetDateTime("last_login_at"));
    }

    @Test
    void aHashMadeWithWeakerParametersIsReplacedAtTheNextSignIn() {
        String email = Accounts.newAccount().getString("user.email");
        byte[] salt = new byte[16];
        new java.security.SecureRandom().nextBytes(salt);
        String weak = com.password4j.Password.hash(PASSWORD).addSalt(salt)
                .with(com.password4j.Argon2Function.getInstance(8192, 1, 1, 32, com.password4j.types.Argon2.ID))
                .getResult();
        database.query("update users set password_hash = $1 where email = $2", weak, email);

        signIn(email, PASSWORD).statusCode(200);

        String stored = database.user(email).getString("password_hash");
        assertTrue(stored.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), stored);
        signIn(email, PASSWORD).statusCode(200);
        signIn(email, PASSWORD + "x").statusCode(401);
    }

    @Test
    void aMissingPasswordIsABadRequestNamingIt() {
        Accounts.post("/api/v1/auth/signin", Map.of("email", uniqueEmail()))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("password"));
    }
}
