package dev.atelier.worker.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.SocketTimeoutException;
import java.net.ConnectException;
import java.util.Optional;

import jakarta.ws.rs.ProcessingException;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.atelier.worker.domain.GenerationException;

class RemoteFailuresTest {
    private static final Optional<String> KEY = Optional.of("sk-test-0123456789abcdef");

    @ParameterizedTest
    @ValueSource(ints = { 408, 425, 429, 500, 502, 503, 504 })
    void rateLimitsAndServerErrorsAreRetriedAndFailedOver(int status) {
        GenerationException failure = RemoteFailures.byStatus("openai", status, "busy", KEY);

        ProviderFailureException providerFailure = assertInstanceOf(ProviderFailureException.class, failure);
        assertEquals(GenerationException.PROVIDER_UNAVAILABLE, failure.code());
        assertTrue(providerFailure.worthRetrying());
        assertTrue(new RetryableFailure().test(failure));
        assertTrue(ProviderRegistry.failsOver(failure));
    }

    @ParameterizedTest
    @ValueSource(ints = { 401, 402, 403, 404 })
    void aProviderThatRefusesUsIsFailedOverButNotRetried(int status) {
        GenerationException failure = RemoteFailures.byStatus("openai", status, "bad key", KEY);

        assertEquals(GenerationException.PROVIDER_UNAVAILABLE, failure.code());
        assertFalse(new RetryableFailure().test(failure));
        assertTrue(ProviderRegistry.failsOver(failure));
    }

    @ParameterizedTest
    @ValueSource(ints = { 400, 413, 422 })
    void aRefusedRequestIsNeitherRetriedNorFailedOver(int status) {
        GenerationException failure = RemoteFailures.byStatus("openai", status, "size is not supported", KEY);

        assertEquals(GenerationException.INVALID_REQUEST, failure.code());
        assertFalse(failure.retryable());
        assertFalse(new RetryableFailure().test(failure));
        assertFalse(ProviderRegistry.failsOver(failure));
    }

    @Test
    void contentRefusalsAndMalformedImagesAreFinal() {
        GenerationException blocked = RemoteFailures.contentBlocked("stability", "flagged", KEY);
        GenerationException invalid = RemoteFailures.invalidImage("openai", "no data[0].b64_json", null);

        for (GenerationException failure : new GenerationException[] { blocked, invalid }) {
            assertFalse(failure.retryable());
            assertFalse(new RetryableFailure().test(failure));
            assertFalse(ProviderRegistry.failsOver(failure));
        }
        assertEquals(GenerationException.CONTENT_BLOCKED, blocked.code());
        assertEquals(GenerationException.INVALID_IMAGE, invalid.code());
    }

    @Test
    void aReadTimeoutIsATimeoutAndARefusedConnectionIsUnavailableBothRetried() {
        ProviderFailureException timeout = RemoteFailures.io("huggingface",
                new ProcessingException(new SocketTimeoutException("Read timed out")), KEY);
        ProviderFailureException refused = RemoteFailures.io("huggingface",
                new ProcessingException(new ConnectException("Connection refused")), KEY);

        assertEquals(GenerationException.TIMEOUT, timeout.code());
        assertEquals(GenerationException.PROVIDER_UNAVAILABLE, refused.code());
        assertTrue(timeout.worthRetrying());
        assertTrue(refused.worthRetrying());
    }

    @Test
    void faultToleranceExceptionsBecomeStableCodes() {
        assertEquals(GenerationException.TIMEOUT,
                RemoteFailures.afterFaultTolerance("openai", new TimeoutException()).code());
        GenerationException open = RemoteFailures.afterFaultTolerance("openai", new CircuitBreakerOpenException());
        assertEquals(GenerationException.PROVIDER_UNAVAILABLE, open.code());
        assertTrue(open.getMessage().contains("circuit breaker is open"));
        assertFalse(new RetryableFailure().test(new CircuitBreakerOpenException()), "an open circuit is not hammered");
        assertTrue(new RetryableFailure().test(new TimeoutException()));
        assertEquals(GenerationException.RENDER_FAILED,
                RemoteFailures.afterFaultTolerance("openai", new IllegalStateException("bug")).code());
    }

    @Test
    void theKeyIsCutOutOfEveryQuotedProviderMessage() {
        String echoed = "Incorrect API key provided: " + KEY.get() + ". You can find your key at ...";

        GenerationException failure = RemoteFailures.byStatus("openai", 401, echoed, KEY);

        assertFalse(failure.getMessage().contains(KEY.get()));
        assertTrue(failure.getMessage().contains(RemoteFailures.REDACTED));
    }

    @Test
    void quotedMessagesAreCutShortAndKeptOnOneLine() {
        String cleaned = RemoteFailures.clean("line one\nline two\r\n" + "x".repeat(1_000), Optional.empty());

        assertFalse(cleaned.contains("\n"));
        assertTrue(cleaned.length() <= RemoteFailures.MAX_DETAIL_CHARS + 1);
    }
}
