package dev.atelier.auth.rest;

import static dev.atelier.auth.rest.Accounts.PASSWORD;
import static dev.atelier.auth.rest.Accounts.postFrom;
import static dev.atelier.auth.rest.Accounts.uniqueEmail;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.atelier.testinfra.RealInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * Sign-in throttling with the shipped limits: 10 failures per email and 50 per client address in 15 minutes. The
 * address is what the gateway puts in X-Forwarded-For (these tests come from 127.0.0.1, a trusted proxy).
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfraResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealInfraResource.DATABASE, value = "auth"))
class SignInThrottleTest {
    private static final int PER_ACCOUNT = 10;
    private static final int PER_ADDRESS = 50;
    private static final String WRONG = "not the password at all";

    @Inject
    Database database;

    @Test
    void theEleventhSignInAfterTenFailuresIsRefusedEvenWithTheRightPassword() {
        String email = Accounts.newAccount().getString("user.email");
        for (int i = 0; i < PER_ACCOUNT; i++) {
            signIn(Accounts.randomAddress(), email, WRONG).statusCode(401);
        }

        int retryAfter = Integer.parseInt(signIn(Accounts.randomAddress(), email, PASSWORD)
                .statusCode(429)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:problem:atelier:too-many-sign-in-attempts"))
                .body("status", equalTo(429))
                .extract().header("Retry-After"));
        assertTrue(retryAfter > 0 && retryAfter <= 15 * 60 + 1, "Retry-After " + retryAfter);
    }

    @Test
    void anUnknownEmailIsThrottledExactlyLikeAnAccountSoThrottlingRevealsNoAccounts() {
        String known = Accounts.newAccount().getString("user.email");
        String unknown = uniqueEmail();
        for (int i = 0; i < PER_ACCOUNT; i++) {
            signIn(Accounts.randomAddress(), known, WRONG).statusCode(401);
            signIn(Accounts.randomAddress(), unknown, WRONG).statusCode(401);
        }

        Map<String, Object> forKnown = signIn(Accounts.randomAddress(), known, WRONG).statusCode(429)
                .extract().jsonPath().getMap("");
        Map<String, Object> forUnknown = signIn(Accounts.randomAddress(), unknown, WRONG).statusCode(429)
                .extract().jsonPath().getMap("");
        forKnown.remove("detail");
        forUnknown.remove("detail");
        assertEquals(forKnown, forUnknown);
    }

    @Test
    void oneAddressGuessingManyAccountsIsThrottledButOtherAddressesAreNot() {
        String address = Accounts.randomAddress();
        for (int i = 0; i < PER_ADDRESS; i++) {
            signIn(address, uniqueEmail(), WRONG).statusCode(401);
        }
        String email = Accounts.newAccount().getString("user.email");

        signIn(address, email, PASSWORD).statusCode(429).header("Retry-After", org.hamcrest.Matchers.notNullValue());
        signIn(Accounts.randomAddress(), email, PASSWORD).statusCode(200);
    }

    @Test
    void aSuccessfulSignInClearsTheAccountsFailures() {
        String email = Accounts.newAccount().getString("user.email");
        for (int i = 0; i < PER_ACCOUNT - 1; i++) {
            signIn(Accounts.randomAddress(), email, WRONG).statusCode(401);
        }
        signIn(Accounts.randomAddress(), email, PASSWORD).statusCode(200);
        for (int i = 0; i < PER_ACCOUNT - 1; i++) {
            signIn(Accounts.randomAddress(), email, WRONG).statusCode(401);
        }

        signIn(Accounts.randomAddress(), email, PASSWORD).statusCode(200);
    }

    @Test
    void failuresRecordedByAnotherReplicaCountHereBecauseTheyLiveInTheDatabase() {
        String email = Accounts.newAccount().getString("user.email");
        for (int i = 0; i < PER_ACCOUNT; i++) {
            // What another instance of auth-service writes for a failed sign-in, into the shared database.
            database.query("insert into signin_failures (kind, subject) values ('account', $1)",
                    sha256Hex("account:" + email));
        }

        signIn(Accounts.randomAddress(), email, PASSWORD).statusCode(429);
    }

    @Test
    void failuresOlderThanTheWindowNoLongerCount() {
        String email = Accounts.newAccount().getString("user.email");
        for (int i = 0; i < PER_ACCOUNT; i++) {
            database.query("insert into signin_failures (kind, subject, failed_at)"
                    + " values ('account', $1, now() - interval '16 minutes')", sha256Hex("account:" + email));
        }

        signIn(Accounts.randomAddress(), email, PASSWORD).statusCode(200);
    }

    @Test
    void emailsAndAddressesAreNotStoredInClear() {
        String address = Accounts.randomAddress();
        String email = uniqueEmail();
        signIn(address, email, WRONG).statusCode(401);

        long clear = database.query("select count(*) from signin_failures where subject in ($1, $2)", email, address)
                .iterator().next().getLong(0);
        long hashed = database.query("select count(*) from signin_failures where subject in ($1, $2)",
                sha256Hex("account:" + email), sha256Hex("ip:" + address)).iterator().next().getLong(0);
        assertEquals(0, clear);
        assertEquals(2, hashed);
        assertFalse(email.isEmpty());
    }

    private static ValidatableResponse signIn(String address, String email, String password) {
        return postFrom(address, "/api/v1/auth/signin", Map.of("email", email, "password", password));
    }

    private static String sha256Hex(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
