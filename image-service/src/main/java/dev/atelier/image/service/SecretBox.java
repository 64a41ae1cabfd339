package dev.atelier.image.service;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
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
 * (base64 of 32 bytes), stored as {@code enc:v1:<base64(nonce ‖ ciphertext ‖ tag)>}. A value without that prefix is a
 * secret stored before a key was configured and is read as it is, so a key can be added to a running system (such
 * secrets are encrypted at their next rotation). Without a key, secrets are stored in clear and a warning says so.
 */
@ApplicationScoped
public class SecretBox {
    static final String PREFIX = "enc:v1:";
    private static final String CIPHER = "AES/GCM/NoPadding";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Optional<SecretKey> key;

    public SecretBox(WebhookConfig config) {
        this.key = config.secretKey().map(SecretBox::keyOf);
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
            return PREFIX + Base64.getEncoder().encodeToString(
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
        if (key.isEmpty()) {
            throw new IllegalStateException("a webhook secret is encrypted but atelier.image.webhooks.secret-key is"
                    + " not set");
        }
        try {
            byte[] sealed = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(Cipher.DECRYPT_MODE, key.get(), new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            return new String(cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES),
                    StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("a webhook secret cannot be decrypted with the configured key", e);
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
