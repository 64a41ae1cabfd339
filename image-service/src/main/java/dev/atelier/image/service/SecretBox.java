package dev.atelier.image.service;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import dev.atelier.image.config.WebhookConfig;
import io.quarkus.logging.Log;

/**
 * Keeps webhook signing secrets encrypted at rest: AES-256-GCM under {@code atelier.image.webhooks.secret-key}
 * (base64 of 32 bytes), stored as {@code enc:v1:<key id>:<base64(nonce ‖ ciphertext ‖ tag)>}, the key id being the
 * first 8 hex digits of the key's SHA-256. Keys listed in {@code previous-secret-keys} still decrypt, so the key can be
 * replaced: values under an old key are read with it and written under the new one at their next rotation. A value
 * without the prefix is a secret stored before any key was configured and is read as it is. Without a key, secrets
 * are stored in clear and a warning says so.
 */
@ApplicationScoped
public class SecretBox {
    static final String PREFIX = "enc:v1:";
    private static final String CIPHER = "AES/GCM/NoPadding";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private static final int KEY_ID_HEX = 8;

    private final Optional<SecretKey> key;
    private final Optional<String> keyId;
    private final Map<String, SecretKey> readable = new HashMap<>();

    public SecretBox(WebhookConfig config) {
        this.key = config.secretKey().map(SecretBox::keyOf);
        this.keyId = key.map(SecretBox::idOf);
        key.ifPresent(current -> readable.put(idOf(current), current));
        config.previousSecretKeys().orElse(List.of()).stream().filter(old -> !old.isBlank())
                .map(SecretBox::keyOf).forEach(old -> readable.putIfAbsent(idOf(old), old));
        if (key.isEmpty()) {
            Log.warn("atelier.image.webhooks.secret-key is not set: webhook signing secrets are stored unencrypted");
        }
    }

    /** What to store for this secret. */
    public String seal(String secret) {
        if (key.isEmpty()) {
            return secret;
        }
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(Cipher.ENCRYPT_MODE, key.get(), new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return PREFIX + keyId.get() + ":" + Base64.getEncoder().encodeToString(
                    ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /**
     * The secret a stored value holds.
     *
     * @throws IllegalStateException when it was encrypted and no key, or another key, is configured
     */
    public String open(String stored) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            return stored;
        }
        String rest = stored.substring(PREFIX.length());
        int colon = rest.indexOf(':');
        SecretKey opener = colon < 0 ? null : readable.get(rest.substring(0, colon));
        if (opener == null) {
            throw new IllegalStateException("a webhook secret is encrypted under a key that is neither"
                    + " atelier.image.webhooks.secret-key nor one of previous-secret-keys");
        }
        try {
            byte[] sealed = Base64.getDecoder().decode(rest.substring(colon + 1));
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(Cipher.DECRYPT_MODE, opener, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            return new String(cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES),
                    StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("a webhook secret cannot be decrypted with the configured key", e);
        }
    }

    private static String idOf(SecretKey key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()))
                    .substring(0, KEY_ID_HEX);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static SecretKey keyOf(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("atelier.image.webhooks.secret-key must be base64", e);
        }
        if (bytes.length != KEY_BYTES) {
            throw new IllegalArgumentException("atelier.image.webhooks.secret-key must be 32 bytes (base64), not "
                    + bytes.length);
        }
        return new SecretKeySpec(bytes, "AES");
    }
}
