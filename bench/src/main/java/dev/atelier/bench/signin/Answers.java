package dev.atelier.bench.signin;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import dev.atelier.bench.load.Call;

/**
 * What one line's requests were answered, by HTTP status ({@code "200"}, {@code "401"}, {@code "429"}, ...) or
 * {@code "no answer"} (a timeout, a refused connection, a wait in the client for a free connection), so that the
 * errors of a line can be told apart: a 429 is the service throttling, not failing.
 */
final class Answers {
    static final String NO_ANSWER = "no answer";
    static final String TOO_MANY_REQUESTS = "429";

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    /**
     * {@code call} (which completes with the response, whatever its status) counted here, and failed unless it
     * answered {@code expected}: any other status is an error of the measurement.
     */
    Call expecting(int expected, String what, Call call) {
        return () -> call.start().toCompletableFuture().handle((result, failure) -> {
            if (failure != null) {
                count(NO_ANSWER);
                throw failure instanceof CompletionException completion ? completion
                        : new CompletionException(failure);
            }
            HttpResponse<?> response = (HttpResponse<?>) result;
            count(Integer.toString(response.statusCode()));
            if (response.statusCode() != expected) {
                throw new IllegalStateException("HTTP " + response.statusCode() + " for " + what + ": "
                        + abbreviate(response.body()));
            }
            return response;
        });
    }

    void count(String answer) {
        counts.computeIfAbsent(answer, k -> new LongAdder()).increment();
    }

    long of(String answer) {
        LongAdder count = counts.get(answer);
        return count == null ? 0 : count.sum();
    }

    /** The counts so far, by answer in order. */
    Map<String, Long> snapshot() {
        Map<String, Long> snapshot = new TreeMap<>();
        counts.forEach((answer, count) -> snapshot.put(answer, count.sum()));
        return snapshot;
    }

    /** Forgets the counts, e.g. those of a warm-up. */
    void reset() {
        counts.clear();
    }

    /** The start of a response body, for an error message. */
    private static String abbreviate(Object body) {
        int max = 300;
        String text = body == null ? "" : body.toString();
        return text.length() <= max ? text : text.substring(0, max) + "…";
    }
}
