package dev.atelier.auth.domain;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;

/**
 * An RS256 signing key pair. Its {@code kid} is the RFC 7638 JWK thumbprint of the public key, so the same key
 * always gets the same id wherever it is loaded.
 */
public record SigningKey(String kid, RSAPrivateKey privateKey, RSAPublicKey publicKey) {
    public static final String ALGORITHM = "RS256";
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    public static SigningKey of(RSAPrivateKey privateKey, RSAPublicKey publicKey) {
        return new SigningKey(thumbprint(publicKey), privateKey, publicKey);
    }

    public Jwk publicJwk() {
        return new Jwk("RSA", "sig", ALGORITHM, kid, base64url(publicKey.getModulus()),
                base64url(publicKey.getPublicExponent()));
    }

    public int bits() {
        return publicKey.getModulus().bitLength();
    }

    /** RFC 7638: SHA-256 over the required members in lexicographic order, without whitespace, base64url. */
    public static String thumbprint(RSAPublicKey key) {
        String canonical = "{\"e\":\"" + base64url(key.getPublicExponent()) + "\",\"kty\":\"RSA\",\"n\":\""
                + base64url(key.getModulus()) + "\"}";
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return BASE64URL.encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** RFC 7518 §6.3.1: the unsigned big-endian value, without a leading zero octet. */
    static String base64url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return BASE64URL.encodeToString(bytes);
    }

    @Override
    public String toString() {
        return "SigningKey[kid=" + kid + ", bits=" + bits() + "]";
    }
}
