package dev.atelier.auth.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** A random bearer secret handed to the client once ({@code value}) and kept only as its SHA-256 ({@code hash}). */
public record OpaqueToken(String value, String hash) {
    private static final int BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** 32 random bytes, base64url without padding (43 characters). */
    public static OpaqueToken generate() {
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return new OpaqueToken(value, hashOf(value));
    }

    /** Lower-case hex SHA-256 of the token's text; a fast hash is enough for 256 random bits. */
    public static String hashOf(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "OpaqueToken[hash=" + hash + "]";
    }
}
