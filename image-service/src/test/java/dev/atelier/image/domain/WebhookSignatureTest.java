package dev.atelier.image.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.atelier.testinfra.StandardWebhooksVerifier;

class WebhookSignatureTest {
    private static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);

    @Test
    void reproducesThePublishedStandardWebhooksTestVector() {
        // The example of the Standard Webhooks reference libraries: a receiver's library computes exactly this.
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
                WebhookSignature.sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
                        1614265330, BODY));
    }

    @Test
    void duringARotationTheHeaderCarriesOneSignaturePerSecretAndEachVerifies() {
        String current = WebhookSignature.newSecret();
        String previous = WebhookSignature.newSecret();
        String header = WebhookSignature.header(List.of(current, previous), "msg_1", 1614265330, BODY);

        assertEquals(2, header.split(" ").length);
        assertTrue(StandardWebhooksVerifier.verifies(current, "msg_1", "1614265330", BODY, header));
        assertTrue(StandardWebhooksVerifier.verifies(previous, "msg_1", "1614265330", BODY, header));
        assertTrue(!StandardWebhooksVerifier.verifies(WebhookSignature.newSecret(), "msg_1", "1614265330", BODY,
                header));
    }

    @Test
    void aSignatureCoversTheIdTheTimestampAndTheBody() {
        String secret = WebhookSignature.newSecret();
        String signature = WebhookSignature.sign(secret, "msg_1", 100, BODY);

        assertNotEquals(signature, WebhookSignature.sign(secret, "msg_2", 100, BODY));
        assertNotEquals(signature, WebhookSignature.sign(secret, "msg_1", 101, BODY));
        assertNotEquals(signature, WebhookSignature.sign(secret, "msg_1", 100, "{}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aNewSecretIsWhsecAndThirtyTwoRandomBytes() {
        String secret = WebhookSignature.newSecret();

        assertTrue(secret.startsWith("whsec_"));
        assertEquals(32, Base64.getDecoder().decode(secret.substring("whsec_".length())).length);
        assertNotEquals(secret, WebhookSignature.newSecret());
    }
}
