package dev.atelier.testinfra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Access tokens for services' own tests, shaped like auth-service's (RS256, header {@code typ: at+jwt} and
 * {@code kid: test}; iss, aud, sub = user id, upn, groups, tier, jti), signed with the test key pair published as
 * {@code classpath:dev/atelier/testinfra/jwt/jwks.json}. Point {@code %test.mp.jwt.verify.publickey.location}
 * there. auth-service itself and the system tests use real keys and the JWKS.
 * <p>
 * {@link #forgeries(UUID)} are the tokens an attacker would try (RFC 8725); every protected route must answer each
 * with 401.
 */
public final class TestJwt {
    public static final String JWKS_LOCATION = "dev/atelier/testinfra/jwt/jwks.json";
    public static final String ISSUER = "atelier-auth";
    public static final String AUDIENCE = "atelier";
    public static final String KID = "test";
    public static final String TYP = "at+jwt";
    public static final String DEFAULT_TIER = "free";
    private static final Duration LIFETIME = Duration.ofMinutes(15);
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private TestJwt() {
    }

    /** A valid 15-minute token of a plain user of the free tier. */
    public static String forUser(UUID userId) {
        return forUser(userId, DEFAULT_TIER);
    }

    /** A valid 15-minute token of a plain user of {@code tier} (free, basic, premium). */
    public static String forUser(UUID userId, String tier) {
        return sign(userId, ISSUER, AUDIENCE, Instant.now(), LIFETIME, tier);
    }

    /** A valid 15-minute token of a user who also holds the {@code admin} role. */
    public static String forAdmin(UUID userId) {
        return rs256(header("RS256", TYP, KID), claims(userId, ISSUER, AUDIENCE, Instant.now(), LIFETIME,
                DEFAULT_TIER, "\"user\",\"admin\""), privateKey());
    }

    public static String sign(UUID userId, String issuer, String audience, Instant issuedAt, Duration lifetime) {
        return sign(userId, issuer, audience, issuedAt, lifetime, DEFAULT_TIER);
    }

    public static String sign(UUID userId, String issuer, String audience, Instant issuedAt, Duration lifetime,
            String tier) {
        return rs256(header("RS256", TYP, KID), claims(userId, issuer, audience, issuedAt, lifetime, tier,
                "\"user\""), privateKey());
    }

    /** A forged or otherwise unacceptable token and what is wrong with it. */
    public record Forgery(String name, String token) {
        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * One token of each kind a verifier must refuse, all for {@code userId} and otherwise well-formed: unsigned
     * ({@code alg: none}), HS256 with the RSA public key as the HMAC secret (algorithm confusion), another issuer,
     * another audience, expired beyond the 60 s skew, a {@code kid} nobody published (signed with the right key), a
     * key nobody published, and a JWT that is not typed as an access token.
     */
    public static List<Forgery> forgeries(UUID userId) {
        Instant now = Instant.now();
        String valid = claims(userId, ISSUER, AUDIENCE, now, LIFETIME, DEFAULT_TIER, "\"user\"");
        return List.of(
                new Forgery("alg none", unsigned(header("none", TYP, KID), valid)),
                new Forgery("HS256 signed with the public key", hs256(header("HS256", TYP, KID), valid,
                        publicKeyBytes())),
                new Forgery("wrong issuer", rs256(header("RS256", TYP, KID),
                        claims(userId, "https://evil.example", AUDIENCE, now, LIFETIME, DEFAULT_TIER, "\"user\""),
                        privateKey())),
                new Forgery("wrong audience", rs256(header("RS256", TYP, KID),
                        claims(userId, ISSUER, "someone-else", now, LIFETIME, DEFAULT_TIER, "\"user\""),
                        privateKey())),
                new Forgery("expired beyond the skew", rs256(header("RS256", TYP, KID),
                        claims(userId, ISSUER, AUDIENCE, now.minus(LIFETIME).minusSeconds(120), LIFETIME,
                                DEFAULT_TIER, "\"user\""),
                        privateKey())),
                new Forgery("unknown kid", rs256(header("RS256", TYP, "rotated-away"), valid, privateKey())),
                new Forgery("unpublished key", rs256(header("RS256", TYP, KID), valid, strangerKey())),
                new Forgery("not an access token", rs256(header("RS256", "JWT", KID), valid, privateKey())));
    }

    private static String header(String alg, String typ, String kid) {
        return "{\"alg\":\"" + alg + "\",\"typ\":\"" + typ + "\",\"kid\":\"" + kid + "\"}";
    }

    private static String claims(UUID userId, String issuer, String audience, Instant issuedAt, Duration lifetime,
            String tier, String groups) {
        return "{\"iss\":\"" + issuer + "\",\"aud\":\"" + audience + "\",\"sub\":\"" + userId
                + "\",\"upn\":\"" + userId + "@test.atelier\",\"groups\":[" + groups + "],\"tier\":\"" + tier + "\""
                + ",\"iat\":" + issuedAt.getEpochSecond() + ",\"exp\":" + issuedAt.plus(lifetime).getEpochSecond()
                + ",\"jti\":\"" + UUID.randomUUID() + "\"}";
    }

    private static String signingInput(String header, String claims) {
        return B64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
    }

    private static String unsigned(String header, String claims) {
        return signingInput(header, claims) + ".";
    }

    private static String rs256(String header, String claims, PrivateKey key) {
        String input = signingInput(header, claims);
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + B64.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hs256(String header, String claims, byte[] secret) {
        String input = signingInput(header, claims);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return input + "." + B64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey privateKey() {
        try {
            String pem = resource("jwt/private.pem").replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public key as its PEM text: what an algorithm-confusion attacker uses as the HMAC secret. */
    private static byte[] publicKeyBytes() {
        return resource("jwt/public.pem").getBytes(StandardCharsets.US_ASCII);
    }

    private static PrivateKey strangerKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPrivate();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = TestJwt.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
