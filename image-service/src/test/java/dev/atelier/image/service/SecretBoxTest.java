package dev.atelier.image.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.atelier.image.config.WebhookConfig;
import dev.atelier.image.domain.WebhookSignature;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/** Webhook signing secrets at rest: AES-GCM under the configured key, readable only with it. */
class SecretBoxTest {
    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String OTHER_KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef"
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));

    static SecretBox box(String key) {
        return box(key, null);
    }

    static SecretBox box(String key, String previousKeys) {
        Map<String, String> properties = new HashMap<>();
        if (key != null) {
            properties.put("atelier.image.webhooks.secret-key", key);
        }
        if (previousKeys != null) {
            properties.put("atelier.image.webhooks.previous-secret-keys", previousKeys);
        }
        WebhookConfig config = new SmallRyeConfigBuilder().withMapping(WebhookConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .withConverter(java.time.Duration.class, 200, new DurationConverter()).build()
                .getConfigMapping(WebhookConfig.class);
        return new SecretBox(config);
    }

    @Test
    void aSecretIsStoredEncryptedAndReadBack() {
        SecretBox box = box(KEY);
        String secret = WebhookSignature.newSecret();

        String stored = box.seal(secret);

        assertTrue(stored.startsWith("enc:v1:"), stored);
        assertFalse(stored.contains(secret.substring("whsec_".length())));
        assertNotEquals(stored, box.seal(secret), "a fresh nonce each time");
        assertEquals(secret, box.open(stored));
    }

    @Test
    void anotherKeyOrATamperedValueCannotBeRead() {
        String stored = box(KEY).seal(WebhookSignature.newSecret());

        assertThrows(IllegalStateException.class, () -> box(OTHER_KEY).open(stored));
        assertThrows(IllegalStateException.class, () -> box(null).open(stored));
        char last = stored.charAt(stored.length() - 3);
        String tampered = stored.substring(0, stored.length() - 3) + (last == 'A' ? 'B' : 'A')
                + stored.substring(stored.length() - 2);
        assertThrows(IllegalStateException.class, () -> box(KEY).open(tampered));
    }

    @Test
    void afterTheKeyIsReplacedValuesUnderAPreviousKeyStillReadAndNewOnesUseTheNewKey() {
        String secret = WebhookSignature.newSecret();
        String underOld = box(KEY).seal(secret);
        SecretBox rotated = box(OTHER_KEY, KEY);

        assertEquals(secret, rotated.open(underOld));
        String underNew = rotated.seal(secret);
        assertNotEquals(underOld.substring(0, 16), underNew.substring(0, 16), "another key id");
        assertEquals(secret, box(OTHER_KEY).open(underNew));
        assertThrows(IllegalStateException.class, () -> box(KEY).open(underNew));
    }

    @Test
    void withoutAKeySecretsStayInClearAndSecretsFromBeforeAKeyStillRead() {
        String secret = WebhookSignature.newSecret();

        assertEquals(secret, box(null).seal(secret));
        assertEquals(secret, box(KEY).open(secret));
    }

    @Test
    void aKeyThatIsNot32BytesOfBase64IsRefusedAtStart() {
        assertThrows(IllegalArgumentException.class, () -> box("not base64!"));
        assertThrows(IllegalArgumentException.class, () -> box(Base64.getEncoder().encodeToString(new byte[16])));
    }
}
