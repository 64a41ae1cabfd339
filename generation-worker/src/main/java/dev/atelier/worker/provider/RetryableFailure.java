package dev.atelier.worker.provider;

import java.util.function.Predicate;

import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * {@code @RetryWhen} of the remote providers: retry a call that timed out, or failed with 429, 5xx or an I/O error.
 * Never a 400/401/403, a content refusal, a malformed answer, or an open circuit.
 */
public class RetryableFailure implements Predicate<Throwable> {
    @Override
    public boolean test(Throwable failure) {
        return failure instanceof TimeoutException
                || failure instanceof ProviderFailureException providerFailure && providerFailure.worthRetrying();
    }
}
