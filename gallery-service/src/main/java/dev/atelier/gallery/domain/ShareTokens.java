package dev.atelier.gallery.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Share tokens: random bytes as base64url, unguessable; stored only as their SHA-256. A hash suffices (no salt, no
 * slow KDF): the token has at least 128 bits of entropy, so there is no dictionary to try.
 */
public final class ShareTokens {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{22,128}");

    private ShareTokens() {
    }

    /** A new token of {@code bytes} random bytes. */
    public static String generate(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /** Whether {@code token} could have come from {@link #generate}; anything else is looked up nowhere. */
    public static boolean isWellFormed(String token) {
        return token != null && SHAPE.matcher(token).matches();
    }

    /** Lower-case hex SHA-256 of the token: what {@code shares.token_hash} holds. */
    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
