package dev.atelier.worker.service;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import dev.atelier.worker.domain.GenerationException;

/**
 * One run of a job: its deadline and its cancel signal. Slow steps (provider and moderation calls) run on a helper
 * thread while the job's thread waits for whichever comes first: the result, the step's time limit, the job's
 * deadline or a cancel. An abandoned call is interrupted and its result ignored.
 */
public final class JobRun {
    /** The job was canceled: stop, publish nothing, remove what was written. */
    public static final class Canceled extends RuntimeException {
        Canceled(UUID jobId) {
            super("job " + jobId + " was canceled", null, false, false);
        }
    }

    private final UUID jobId;
    private final long deadlineNanos;
    private final CompletableFuture<Void> canceled;
    private final ExecutorService calls;

    public JobRun(UUID jobId, Duration timeout, CompletableFuture<Void> canceled, ExecutorService calls) {
        this.jobId = jobId;
        this.deadlineNanos = System.nanoTime() + timeout.toNanos();
        this.canceled = canceled;
        this.calls = calls;
    }

    public UUID jobId() {
        return jobId;
    }

    /** Time left before the deadline; zero or negative once it passed. */
    public Duration remaining() {
        return Duration.ofNanos(deadlineNanos - System.nanoTime());
    }

    /**
     * Throws when the job should stop: {@link Canceled} after a cancel, {@code timeout} past the deadline.
     */
    public void checkpoint() {
        if (canceled.isDone()) {
            throw new Canceled(jobId);
        }
        if (remaining().isNegative() || remaining().isZero()) {
            throw deadlinePassed();
        }
    }

    public boolean isCanceled() {
        return canceled.isDone();
    }

    /**
     * Runs {@code step} on a helper thread and waits at most {@code limit} (and never past the deadline).
     *
     * @throws Canceled when the job is canceled meanwhile
     * @throws GenerationException {@code timeout} (retryable) when the limit or the deadline comes first; the
     *         step's own exception when it fails
     */
    public <T> T call(String what, Duration limit, Supplier<T> step) {
        checkpoint();
        Duration left = remaining();
        boolean cutByDeadline = left.compareTo(limit) < 0;
        Duration wait = cutByDeadline ? left : limit;
        CompletableFuture<T> result = new CompletableFuture<>();
        Future<?> task;
        try {
            task = calls.submit(() -> {
                try {
                    result.complete(step.get());
                } catch (Throwable failure) {
                    result.completeExceptionally(failure);
                }
            });
        } catch (RejectedExecutionException e) {
            throw new GenerationException(GenerationException.RENDER_FAILED, "the worker is stopping", true, e);
        }
        try {
            CompletableFuture.anyOf(result, canceled).get(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            task.cancel(true);
            throw cutByDeadline
                    ? deadlinePassed()
                    : new GenerationException(GenerationException.TIMEOUT,
                            what + " took longer than " + limit.toMillis() + " ms", true, null);
        } catch (InterruptedException e) {
            task.cancel(true);
            throw stopping(e);
        } catch (ExecutionException e) {
            // The step failed: rethrown from result below.
        }
        if (!result.isDone()) {
            task.cancel(true);
            throw new Canceled(jobId);
        }
        try {
            return result.join();
        } catch (CompletionException | CancellationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(what + " failed", cause);
        }
    }

    /**
     * Waits {@code delay} unless the job is canceled meanwhile (then throws {@link Canceled}). Returns false, without
     * waiting, when the delay would end past the deadline.
     */
    public boolean pause(Duration delay) {
        if (delay.compareTo(remaining()) >= 0) {
            return false;
        }
        try {
            canceled.get(delay.toNanos(), TimeUnit.NANOSECONDS);
            throw new Canceled(jobId);
        } catch (TimeoutException e) {
            return true;
        } catch (InterruptedException e) {
            throw stopping(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a cancel signal never fails", e);
        }
    }

    /** Only a stopping worker interrupts a job: it fails, and may be queued again. */
    private static GenerationException stopping(InterruptedException e) {
        Thread.currentThread().interrupt();
        return new GenerationException(GenerationException.RENDER_FAILED, "the worker is stopping", true, e);
    }

    private GenerationException deadlinePassed() {
        return new GenerationException(GenerationException.TIMEOUT,
                "the job did not finish within its time limit", true, null);
    }
}
