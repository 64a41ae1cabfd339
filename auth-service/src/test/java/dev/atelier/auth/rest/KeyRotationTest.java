package dev.atelier.auth.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.atelier.auth.domain.SigningKey;
import dev.atelier.auth.service.SigningKeyStore;
import dev.atelier.testinfra.RealInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Step 3 of a rotation (README): the new key is {@code signing-key.pem}, the old one stays as {@code previous.pem}.
 * Both are published; new tokens are signed with the new key; tokens the old key signed still work.
 */
@QuarkusTest
@TestProfile(KeyRotationTest.MidRotation.class)
@QuarkusTestResource(value = RealInfraResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealInfraResource.DATABASE, value = "auth"))
class KeyRotationTest {
    /** Written once per build; the profile and the test run in different class loaders, so they share files. */
    static final Path DIR = Path.of("target", "key-rotation-test").toAbsolutePath();
    static final SigningKeyStore STORE = new SigningKeyStore(2048);
    static final SigningKey CURRENT = STORE.load(prepared().resolve(SigningKeyStore.SIGNING_KEY_FILE));
    static final SigningKey PREVIOUS = STORE.load(prepared().resolve("previous.pem"));

    public static class MidRotation implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("atelier.auth.key-dir", prepared().toString());
        }
    }

    static synchronized Path prepared() {
        try {
            if (!Files.exists(DIR.resolve("previous.pem"))) {
                Files.createDirectories(DIR);
                Files.writeString(DIR.resolve(SigningKeyStore.SIGNING_KEY_FILE), SigningKeyStore.toPem(
                        new SigningKeyStore(2048).generate()));
                Files.writeString(DIR.resolve("previous.pem"),
                        SigningKeyStore.toPem(new SigningKeyStore(2048).generate()));
            }
            return DIR;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void bothKeysArePublishedAndOnlyTheCurrentOneSigns() {
        given().when().get("/.well-known/jwks.json").then().statusCode(200)
                .body("keys.kid", containsInAnyOrder(CURRENT.kid(), PREVIOUS.kid()));

        String token = Accounts.newAccount().getString("accessToken");
        assertEquals(CURRENT.kid(), Jwts.header(token).get("kid"));
    }

    @Test
    void aTokenTheOldKeySignedIsStillAccepted() throws Exception {
        UUID userId = UUID.fromString(Accounts.newAccount().getString("user.id"));
        long exp = Instant.now().plusSeconds(600).getEpochSecond();
        String old = Jwts.sign(Map.of("alg", "RS256", "typ", "at+jwt", "kid", PREVIOUS.kid()),
                Map.of("iss", "atelier-auth", "aud", "atelier", "sub", userId.toString(), "groups", List.of("user"),
                        "iat", exp - 900, "exp", exp),
                PREVIOUS.privateKey());

        given().auth().oauth2(old).when().get("/api/v1/users/me").then().statusCode(200);
    }

    @Test
    void aTokenClaimingTheOldKidButSignedByTheNewKeyIsRejected() throws Exception {
        UUID userId = UUID.fromString(Accounts.newAccount().getString("user.id"));
        long exp = Instant.now().plusSeconds(600).getEpochSecond();
        String mixed = Jwts.sign(Map.of("alg", "RS256", "typ", "at+jwt", "kid", PREVIOUS.kid()),
                Map.of("iss", "atelier-auth", "aud", "atelier", "sub", userId.toString(), "groups", List.of("user"),
                        "iat", exp - 900, "exp", exp),
                CURRENT.privateKey());

        given().auth().oauth2(mixed).when().get("/api/v1/users/me").then().statusCode(401);
    }
}
