package dev.atelier.image;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import dev.atelier.testinfra.TestJwt;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Tokens like {@link TestJwt#forUser(UUID)}, but naming a given tier (TestJwt's always say {@code free}); signed
 * with the same test key.
 */
public final class TierJwt {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final long LIFETIME_SECONDS = 900;

    private TierJwt() {
    }

    public static RequestSpecification as(UUID user, String tier) {
        return given().auth().oauth2(forUser(user, tier)).contentType(ContentType.JSON);
    }

    public static String forUser(UUID user, String tier) {
        long now = Instant.now().getEpochSecond();
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"test\"}";
        String claims = "{\"iss\":\"" + TestJwt.ISSUER + "\",\"aud\":\"" + TestJwt.AUDIENCE + "\",\"sub\":\"" + user
                + "\",\"upn\":\"" + user + "@test.atelier\",\"groups\":[\"user\"],\"tier\":\"" + tier + "\""
                + ",\"iat\":" + now + ",\"exp\":" + (now + LIFETIME_SECONDS) + ",\"jti\":\"" + UUID.randomUUID()
                + "\"}";
        String signingInput = B64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(privateKey());
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey privateKey() throws GeneralSecurityException {
        try (InputStream in = TestJwt.class.getResourceAsStream("jwt/private.pem")) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
