package dev.atelier.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

class InFlightLimitTest {
    private final FakeTicker clock = new FakeTicker();
    /** Requests the "server" has received and not answered yet, in order. */
    private final List<CompletableFuture<Object>> server = new ArrayList<>();
    private final Call slowServer = () -> {
        CompletableFuture<Object> answer = new CompletableFuture<>();
        server.add(answer);
        return answer;
    };

    @Test
    void callsBeyondTheLimitWaitInTheClientAndLeaveInOrderAsAnswersComeBack() throws Exception {
        InFlightLimit limit = new InFlightLimit(slowServer, 2, Duration.ofSeconds(30), clock);

        List<CompletionStage<?>> calls = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            calls.add(limit.start());
        }
        assertEquals(2, server.size(), "only two sent");
        assertEquals(2, limit.inFlight());

        server.get(0).complete("first");
        assertEquals(3, server.size(), "the third leaves when the first is answered");
        assertEquals("first", calls.get(0).toCompletableFuture().get());
        assertFalse(calls.get(2).toCompletableFuture().isDone());

        server.get(1).complete("second");
        server.get(2).complete("third");
        server.get(3).complete("fourth");
        assertEquals("fourth", calls.get(3).toCompletableFuture().get());
        assertEquals(0, limit.inFlight());
    }

    @Test
    void aCallThatWaitedTooLongFailsWithoutBeingSent() {
        InFlightLimit limit = new InFlightLimit(slowServer, 1, Duration.ofSeconds(5), clock);
        limit.start();
        CompletionStage<?> late = limit.start();

        clock.advanceMillis(6000);
        server.get(0).complete(null);

        assertEquals(1, server.size(), "never sent");
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> late.toCompletableFuture().get());
        assertTrue(e.getCause() instanceof TimeoutException, e.toString());
        assertEquals(0, limit.inFlight());
    }

    @Test
    void failuresAndThrowingCallsFreeTheirPlace() throws Exception {
        int[] calls = {0};
        Call flaky = () -> {
            if (calls[0]++ == 0) {
                throw new IllegalStateException("bad request built");
            }
            return CompletableFuture.failedFuture(new IllegalStateException("HTTP 500"));
        };
        InFlightLimit limit = new InFlightLimit(flaky, 1, Duration.ofSeconds(5), clock);

        assertTrue(limit.start().toCompletableFuture().isCompletedExceptionally());
        assertTrue(limit.start().toCompletableFuture().isCompletedExceptionally());
        assertEquals(0, limit.inFlight());
    }

    @Test
    void theDriverTimesAWaitingCallFromItsIntendedSend() throws Exception {
        // One connection, a server that takes 30 ms, 100 requests/s: every request waits for the one before it.
        FakeTicker ticker = new FakeTicker();
        LoadDriver driver = new LoadDriver(ticker, Duration.ofSeconds(30));
        Call thirtyMillis = () -> {
            ticker.advanceMillis(30);
            return CompletableFuture.completedFuture(null);
        };
        Measurement m = driver.constantRate("capped", new InFlightLimit(thirtyMillis, 1, Duration.ofSeconds(30),
                ticker), 100, Duration.ofMillis(100), Duration.ZERO);

        // Request i is due at 10·i ms but leaves at 30·i ms, when its predecessor is answered: 30 + 20·i ms.
        assertEquals(10, m.requests());
        assertEquals(30 + 20 * 4, m.p50Ms(), 0.2);
        assertEquals(30 + 20 * 9, m.maxMs(), 0.2);
    }
}
