package dev.atelier.bench.load;

import java.util.concurrent.CompletionStage;

/**
 * One request of a measurement. It starts when called and completes normally on success, exceptionally on an error
 * (a wrong status, a failed query, a timeout). Must not block: blocking work goes to its own pool.
 */
@FunctionalInterface
public interface Call {
    CompletionStage<?> start();
}
