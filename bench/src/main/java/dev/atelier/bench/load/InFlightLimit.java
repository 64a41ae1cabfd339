package dev.atelier.bench.load;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * At most {@code max} calls of a line in flight, as a load generator with a fixed number of connections (wrk2's
 * {@code -c}) has: a call due while all are busy waits in the client, in order, and its latency still counts from
 * its intended send time (the driver's clock), so the open model keeps showing the queueing. A call that waited
 * longer than {@code maxWait} fails without being sent. Without a cap, a rate far beyond the system's capacity would
 * open thousands of connections and leave requests running into the next measurement.
 */
public final class InFlightLimit implements Call {
    private final Call call;
    private final int max;
    private final long maxWaitNanos;
    private final Ticker ticker;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Queue<Waiting> waiting = new ConcurrentLinkedQueue<>();

    private record Waiting(long since, CompletableFuture<Object> result) {
    }

    public InFlightLimit(Call call, int max, Duration maxWait, Ticker ticker) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1: " + max);
        }
        this.call = call;
        this.max = max;
        this.maxWaitNanos = maxWait.toNanos();
        this.ticker = ticker;
    }

    @Override
    public CompletionStage<?> start() {
        CompletableFuture<Object> result = new CompletableFuture<>();
        waiting.add(new Waiting(ticker.nanoTime(), result));
        startWaiting();
        return result;
    }

    /** Calls currently sent and not answered. */
    public int inFlight() {
        return inFlight.get();
    }

    /** Starts waiting calls while there is room; fails those that waited too long. */
    private void startWaiting() {
        while (true) {
            int current = inFlight.get();
            if (current >= max) {
                return;
            }
            if (!inFlight.compareAndSet(current, current + 1)) {
                continue;
            }
            Waiting next = waiting.poll();
            if (next == null) {
                inFlight.decrementAndGet();
                // A call queued after the poll but before the decrement saw no room: look again.
                if (waiting.isEmpty()) {
                    return;
                }
                continue;
            }
            long waited = ticker.nanoTime() - next.since();
            if (waited > maxWaitNanos) {
                inFlight.decrementAndGet();
                next.result().completeExceptionally(new TimeoutException("waited " + waited / 1_000_000
                        + " ms in the client for one of " + max + " connections"));
                continue;
            }
            CompletionStage<?> sent;
            try {
                sent = call.start();
            } catch (RuntimeException e) {
                sent = CompletableFuture.failedFuture(e);
            }
            sent.whenComplete((value, failure) -> {
                inFlight.decrementAndGet();
                if (failure != null) {
                    next.result().completeExceptionally(failure);
                } else {
                    next.result().complete(value);
                }
                startWaiting();
            });
        }
    }
}
