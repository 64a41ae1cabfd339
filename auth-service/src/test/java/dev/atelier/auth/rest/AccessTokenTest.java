package dev.atelier.auth.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.atelier.auth.service.SigningKeys;
import dev.atelier.testinfra.RealInfraResource;
import dev.atelier.testinfra.TestJwt;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/** auth-service accepts exactly the access tokens it issued, with the keys it publishes. */
@QuarkusTest
@QuarkusTestResource(value = RealInfraResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealInfraResource.DATABASE, value = "auth"))
class AccessTokenTest {
    private static final String ME = "/api/v1/users/me";

    @Inject
    SigningKeys keys;

    @Test
    void meWithItsTokenReturnsTheProfile() {
        JsonPath account = Accounts.newAccount();

        me(account.getString("accessToken"))
                .statusCode(200)
                .body("id", equalTo(account.getString("user.id")))
                .body("name", equalTo(account.getString("user.name")))
                .body("email", equalTo(account.getString("user.email")))
                .body("tier", equalTo("free"))
                .body("createdAt", equalTo(account.getString("user.createdAt")))
                .body("$", not(hasKey("passwordHash")));
    }

    @Test
    void meWithoutATokenIsAnUnauthorizedProblem() {
        given().when().get(ME).then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("type", equalTo("urn:problem:atelier:unauthorized"));
    }

    @Test
    void aTokenSignedByAnotherKeyIsRejected() throws Exception {
        UUID userId = UUID.fromString(Accounts.newAccount().getString("user.id"));

        rejected(me(TestJwt.forUser(userId)));
    }

    @Test
    void aTokenClaimingOurKidButSignedByAnotherKeyIsRejected() throws Exception {
        UUID userId = UUID.fromString(Accounts.newAccount().getString("user.id"));
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);

        rejected(me(forge(userId, generator.generateKeyPair().getPrivate(), Instant.now().plusSeconds(600))));
    }

    @Test
    void theForgingHelperMakesTokensWeAcceptWhenSignedWithOurKey() throws Exception {
        // The control for the rejections around it: only the key or the expiry differ there.
        UUID userId = UUID.fromString(Accounts.newAccount().getString("user.id"));

        me(forge(userId, keys.active().privateKey(), Instant.now().plusSeconds(600))).statusCode(200);
    }

    @Test
    void anExpiredTokenIsRejected() throws Exception {
        UUID userId = UUID.fromString(Accounts.newAccount().getString("user.id"));

        rejected(me(forge(userId, keys.active().privateKey(), Instant.now().minusSeconds(3600))));
    }

    @Test
    void aTokenOfAnotherAudienceIsRejected() throws Exception {
        UUID userId = UUID.fromString(Accounts.newAccount().getString("user.id"));
        String token = TestJwt.sign(userId, "atelier-auth", "someone-else", Instant.now(),
                Duration.ofMinutes(5));

        rejected(me(token));
    }

    @Test
    void aTamperedTokenIsRejected() {
        String token = Accounts.newAccount().getString("accessToken");
        String[] parts = token.split("\\.");
        String otherClaims = Accounts.newAccount().getString("accessToken").split("\\.")[1];

        rejected(me(parts[0] + "." + otherClaims + "." + parts[2]));
    }

    @Test
    void anUnsignedTokenIsRejected() throws Exception {
        UUID userId = UUID.fromString(Accounts.newAccount().getString("user.id"));
        String signed = forge(userId, keys.active().privateKey(), Instant.now().plusSeconds(600));
        String[] parts = signed.split("\\.");
        String none = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"alg\":\"none\",\"typ\":\"at+jwt\",\"kid\":\"" + keys.active().kid() + "\"}")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));

        rejected(me(none + "." + parts[1] + "."));
    }

    @Test
    void anHs256TokenKeyedWithOurPublicKeyIsRejected() throws Exception {
        UUID userId = UUID.fromString(Accounts.newAccount().getString("user.id"));
        String signed = forge(userId, keys.active().privateKey(), Instant.now().plusSeconds(600));
        String header = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"kid\":\"" + keys.active().kid() + "\"}")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String input = header + "." + signed.split("\\.")[1];
        javax.crypto.Mac hmac = javax.crypto.Mac.getInstance("HmacSHA256");
        hmac.init(new javax.crypto.spec.SecretKeySpec(keys.active().publicKey().getEncoded(), "HmacSHA256"));
        String signature = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(hmac.doFinal(input.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));

        rejected(me(input + "." + signature));
    }

    @Test
    void aTokenOfAnotherIssuerSignedWithOurKeyIsRejected() throws Exception {
        UUID userId = UUID.fromString(Accounts.newAccount().getString("user.id"));
        long exp = Instant.now().plusSeconds(600).getEpochSecond();

        rejected(me(Jwts.sign(Map.of("alg", "RS256", "typ", "at+jwt", "kid", keys.active().kid()),
                Map.of("iss", "https://evil.example", "aud", "atelier", "sub", userId.toString(), "groups",
                        List.of("user"), "iat", exp - 900, "exp", exp),
                keys.active().privateKey())));
    }

    @Test
    void aJwtNotTypedAsAnAccessTokenIsRejectedEvenWithOurSignature() throws Exception {
        UUID userId = UUID.fromString(Accounts.newAccount().getString("user.id"));
        long exp = Instant.now().plusSeconds(600).getEpochSecond();
        Map<String, Object> claims = Map.of("iss", "atelier-auth", "aud", "atelier", "sub", userId.toString(),
                "groups", List.of("user"), "iat", exp - 900, "exp", exp);

        rejected(me(Jwts.sign(Map.of("alg", "RS256", "typ", "JWT", "kid", keys.active().kid()), claims,
                keys.active().privateKey())));
        rejected(me(Jwts.sign(Map.of("alg", "RS256", "kid", keys.active().kid()), claims,
                keys.active().privateKey())));
    }

    @Test
    void aTokenExpiredWithinTheSkewIsStillAcceptedButNotBeyondIt() throws Exception {
        UUID userId = UUID.fromString(Accounts.newAccount().getString("user.id"));

        me(forge(userId, keys.active().privateKey(), Instant.now().minusSeconds(20))).statusCode(200);
        rejected(me(forge(userId, keys.active().privateKey(), Instant.now().minusSeconds(90))));
    }

    @Test
    void accessTokensNameTheirSessionAndAreTypedAtJwt() {
        String token = Accounts.newAccount().getString("accessToken");

        assertEquals("at+jwt", Jwts.header(token).get("typ"));
        UUID.fromString(Jwts.claims(token).get("sid").toString());
    }

    @Test
    void garbageInsteadOfATokenIsRejected() {
        rejected(me("not-a-jwt"));
    }

    @Test
    void verifyReturnsTheUserIdAndExpiry() {
        JsonPath account = Accounts.newAccount();
        String token = account.getString("accessToken");
        long exp = ((Number) Jwts.claims(token).get("exp")).longValue();

        given().auth().oauth2(token).when().get("/api/v1/auth/verify").then()
                .statusCode(200)
                .body("userId", equalTo(account.getString("user.id")))
                .body("expiresAt", equalTo(Instant.ofEpochSecond(exp).toString()));
    }

    @Test
    void verifyWithoutATokenIsUnauthorized() {
        given().when().get("/api/v1/auth/verify").then()
                .statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void theJwksIsPublicAndCacheable() {
        given().when().get("/.well-known/jwks.json").then()
                .statusCode(200)
                .header("Cache-Control", "public, max-age=300")
                .body("keys.size()", equalTo(1))
                .body("keys[0].kid", equalTo(keys.active().kid()))
                .body("keys[0].kty", equalTo("RSA"))
                .body("keys[0]", not(hasKey("d")));
    }

    private String forge(UUID userId, PrivateKey key, Instant expiresAt) throws Exception {
        long exp = expiresAt.getEpochSecond();
        return Jwts.sign(Map.of("alg", "RS256", "typ", "at+jwt", "kid", keys.active().kid()),
                Map.of("iss", "atelier-auth", "aud", "atelier", "sub", userId.toString(), "groups", List.of("user"),
                        "iat", exp - 900, "exp", exp, "jti", UUID.randomUUID().toString()),
                key);
    }

    private static ValidatableResponse me(String token) {
        return given().auth().oauth2(token).when().get(ME).then();
    }

    private static void rejected(ValidatableResponse response) {
        response.statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:problem:atelier:unauthorized"));
    }
}
