package dev.atelier.worker.provider;

import java.util.Optional;

import jakarta.ws.rs.ProcessingException;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import dev.atelier.worker.domain.GenerationException;

/**
 * Turns what a remote provider did wrong into a {@link GenerationException} with a stable code. Every message that
 * quotes the provider goes through {@link #clean}: the API key is cut out (a provider may echo it back), control
 * characters are dropped and the text is cut short.
 */
final class RemoteFailures {
    static final int MAX_DETAIL_CHARS = 300;
    static final String REDACTED = "[redacted]";

    private static final int TOO_MANY_REQUESTS = 429;
    private static final int REQUEST_TIMEOUT = 408;
    private static final int TOO_EARLY = 425;
    private static final int SERVER_ERROR = 500;
    private static final int UNAUTHORIZED = 401;
    private static final int PAYMENT_REQUIRED = 402;
    private static final int FORBIDDEN = 403;
    private static final int NOT_FOUND = 404;
    private static final int CLIENT_ERROR = 400;

    private RemoteFailures() {
    }

    /**
     * A non-2xx answer with no provider-specific meaning: 408/425/429/5xx are worth retrying; 401/402/403/404 mean
     * this provider cannot serve us (wrong key, no credit, wrong model or URL) and are not retried but failed over;
     * any other 4xx means the request itself was refused ({@code invalid_request}).
     */
    static GenerationException byStatus(String provider, int status, String detail, Optional<String> key) {
        String message = provider + " answered " + status + describe(detail, key);
        if (status == TOO_MANY_REQUESTS || status == REQUEST_TIMEOUT || status == TOO_EARLY || status >= SERVER_ERROR) {
            return new ProviderFailureException(GenerationException.PROVIDER_UNAVAILABLE, message, true, null);
        }
        if (status == UNAUTHORIZED || status == PAYMENT_REQUIRED || status == FORBIDDEN || status == NOT_FOUND) {
            return new ProviderFailureException(GenerationException.PROVIDER_UNAVAILABLE, message, false, null);
        }
        if (status >= CLIENT_ERROR) {
            return new GenerationException(GenerationException.INVALID_REQUEST, message, false, null);
        }
        // 1xx/3xx: nothing we asked for; the provider or a proxy in front of it is misbehaving.
        return new ProviderFailureException(GenerationException.PROVIDER_UNAVAILABLE, message, false, null);
    }

    /** The provider answered {@code status} but refuses on quota or billing grounds: retrying soon will not help. */
    static ProviderFailureException noQuota(String provider, int status, String detail, Optional<String> key) {
        return new ProviderFailureException(GenerationException.PROVIDER_UNAVAILABLE,
                provider + " answered " + status + describe(detail, key), false, null);
    }

    /** The provider's moderation refused the prompt or the image. */
    static GenerationException contentBlocked(String provider, String detail, Optional<String> key) {
        return new GenerationException(GenerationException.CONTENT_BLOCKED,
                provider + " refused the content" + describe(detail, key), false, null);
    }

    /** A 200 whose body holds no image we can take (not JSON, no image field, bad base64, empty). */
    static GenerationException invalidImage(String provider, String what, Throwable cause) {
        return new GenerationException(GenerationException.INVALID_IMAGE, provider + " returned " + what, false, cause);
    }

    /** No answer: connection refused or reset, DNS, TLS, or a read timeout (then code {@code timeout}). */
    static ProviderFailureException io(String provider, ProcessingException failure, Optional<String> key) {
        boolean timedOut = causedByTimeout(failure);
        String code = timedOut ? GenerationException.TIMEOUT : GenerationException.PROVIDER_UNAVAILABLE;
        String message = provider + (timedOut ? " did not answer in time" : " could not be reached")
                + describe(rootMessage(failure), key);
        return new ProviderFailureException(code, message, true, failure);
    }

    /** What a provider's {@code @Fallback} makes of a failure that escaped its retries and circuit breaker. */
    static GenerationException afterFaultTolerance(String provider, Throwable failure) {
        if (failure instanceof GenerationException known) {
            return known;
        }
        if (failure instanceof TimeoutException) {
            return new ProviderFailureException(GenerationException.TIMEOUT, provider + " did not answer in time",
                    true, null);
        }
        if (failure instanceof CircuitBreakerOpenException) {
            return new ProviderFailureException(GenerationException.PROVIDER_UNAVAILABLE,
                    provider + " is failing: its circuit breaker is open", true, null);
        }
        return GenerationException.renderFailed(provider + " failed unexpectedly", false, failure);
    }

    /** {@code text} without the API key and control characters, at most {@link #MAX_DETAIL_CHARS} long. */
    static String clean(String text, Optional<String> key) {
        if (text == null) {
            return "";
        }
        String cleaned = text;
        if (key.isPresent() && !key.get().isBlank()) {
            cleaned = cleaned.replace(key.get(), REDACTED);
        }
        cleaned = cleaned.replaceAll("\\p{Cntrl}+", " ").strip();
        return cleaned.length() <= MAX_DETAIL_CHARS ? cleaned : cleaned.substring(0, MAX_DETAIL_CHARS) + "…";
    }

    private static String describe(String detail, Optional<String> key) {
        String cleaned = clean(detail, key);
        return cleaned.isEmpty() ? "" : ": " + cleaned;
    }

    private static boolean causedByTimeout(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.util.concurrent.TimeoutException
                    || cause instanceof java.net.SocketTimeoutException
                    || cause.getClass().getSimpleName().contains("Timeout")) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
