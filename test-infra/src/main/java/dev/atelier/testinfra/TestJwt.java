package dev.atelier.testinfra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Access tokens for services' own tests, shaped like auth-service's (RS256, iss, aud, sub = user id, upn, groups,
 * tier, jti), signed with the test key pair whose public half is
 * {@code classpath:dev/atelier/testinfra/jwt/public.pem}. Point {@code %test.mp.jwt.verify.publickey.location}
 * there. auth-service itself and the system tests use real keys and the JWKS.
 */
public final class TestJwt {
    public static final String PUBLIC_KEY_LOCATION = "dev/atelier/testinfra/jwt/public.pem";
    public static final String ISSUER = "atelier-auth";
    public static final String AUDIENCE = "atelier";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private TestJwt() {
    }

    public static final String DEFAULT_TIER = "free";
    private static final Duration LIFETIME = Duration.ofMinutes(15);

    /** A valid 15-minute token of a plain user of the free tier. */
    public static String forUser(UUID userId) {
        return forUser(userId, DEFAULT_TIER);
    }

    /** A valid 15-minute token of a plain user of {@code tier} (free, basic, premium). */
    public static String forUser(UUID userId, String tier) {
        return sign(userId, ISSUER, AUDIENCE, Instant.now(), LIFETIME, tier);
    }

    public static String sign(UUID userId, String issuer, String audience, Instant issuedAt, Duration lifetime) {
        return sign(userId, issuer, audience, issuedAt, lifetime, DEFAULT_TIER);
    }

    public static String sign(UUID userId, String issuer, String audience, Instant issuedAt, Duration lifetime,
            String tier) {
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"test\"}";
        String claims = "{\"iss\":\"" + issuer + "\",\"aud\":\"" + audience + "\",\"sub\":\"" + userId
                + "\",\"upn\":\"" + userId + "@test.atelier\",\"groups\":[\"user\"],\"tier\":\"" + tier + "\""
                + ",\"iat\":" + issuedAt.getEpochSecond() + ",\"exp\":" + issuedAt.plus(lifetime).getEpochSecond()
                + ",\"jti\":\"" + UUID.randomUUID() + "\"}";
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
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
