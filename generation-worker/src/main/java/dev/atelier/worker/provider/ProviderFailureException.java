package dev.atelier.worker.provider;

import dev.atelier.worker.domain.GenerationException;

/**
 * A provider could not serve a call ({@code provider_unavailable} or {@code timeout}): the registry fails over to the
 * next provider, the circuit breaker counts it, and {@link #worthRetrying()} tells the provider's {@code @Retry}
 * whether calling again soon may help (429, 5xx, I/O errors and timeouts: yes; a rejected key or exhausted quota: no).
 * The job itself is always retryable: another attempt later, or on another worker, may find the provider back.
 */
public class ProviderFailureException extends GenerationException {
    private final boolean worthRetrying;

    ProviderFailureException(String code, String message, boolean worthRetrying, Throwable cause) {
        super(code, message, true, cause);
        this.worthRetrying = worthRetrying;
    }

    public boolean worthRetrying() {
        return worthRetrying;
    }
}
