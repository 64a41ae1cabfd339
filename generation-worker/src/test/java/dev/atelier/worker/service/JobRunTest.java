package dev.atelier.worker.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.atelier.worker.domain.GenerationException;

class JobRunTest {
    private static final Duration LONG = Duration.ofMinutes(5);

    private final ExecutorService calls = Executors.newCachedThreadPool();
    private final CompletableFuture<Void> cancel = new CompletableFuture<>();

    @AfterEach
    void stop() {
        calls.shutdownNow();
    }

    private JobRun run(Duration timeout) {
        return new JobRun(UUID.randomUUID(), timeout, cancel, calls);
    }

    /** A step that blocks until interrupted, and tells when it started and when it was interrupted. */
    private static final class Hanging {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch interrupted = new CountDownLatch(1);

        String call() {
            started.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            return "never used";
        }
    }

    @Test
    void aStepsResultIsReturned() {
        assertEquals("pixels", run(LONG).call("render", LONG, () -> "pixels"));
    }

    @Test
    void aStepsFailureIsRethrownAsIs() {
        GenerationException failure = new GenerationException(GenerationException.PROVIDER_UNAVAILABLE, "down", true,
                null);

        assertSame(failure, assertThrows(GenerationException.class, () -> run(LONG).call("render", LONG, () -> {
            throw failure;
        })));
    }

    @Test
    void aStepLongerThanItsLimitIsAbandonedAsARetryableTimeoutAndInterrupted() throws InterruptedException {
        Hanging hanging = new Hanging();

        GenerationException timeout = assertThrows(GenerationException.class,
                () -> run(LONG).call("render", Duration.ofMillis(200), hanging::call));

        assertEquals(GenerationException.TIMEOUT, timeout.code());
        assertTrue(timeout.retryable());
        assertTrue(hanging.interrupted.await(30, TimeUnit.SECONDS), "the abandoned call is interrupted");
    }

    @Test
    void aStepIsCutAtTheJobsDeadline() {
        GenerationException timeout = assertThrows(GenerationException.class,
                () -> run(Duration.ofMillis(200)).call("render", LONG, new Hanging()::call));

        assertEquals(GenerationException.TIMEOUT, timeout.code());
        assertTrue(timeout.getMessage().contains("time limit"), timeout.getMessage());
    }

    @Test
    void aCancelStopsTheWaitForARunningStepAtOnce() throws InterruptedException {
        JobRun run = run(LONG);
        Hanging hanging = new Hanging();
        CompletableFuture<Throwable> outcome = CompletableFuture.supplyAsync(() -> {
            try {
                run.call("render", LONG, hanging::call);
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        });
        assertTrue(hanging.started.await(30, TimeUnit.SECONDS));

        cancel.complete(null);

        assertTrue(outcome.join() instanceof JobRun.Canceled, "got " + outcome.join());
        assertTrue(hanging.interrupted.await(30, TimeUnit.SECONDS), "the abandoned call is interrupted");
        assertTrue(run.isCanceled());
    }

    @Test
    void aCheckpointAfterACancelThrows() {
        JobRun run = run(LONG);
        run.checkpoint();

        cancel.complete(null);

        assertThrows(JobRun.Canceled.class, run::checkpoint);
        assertThrows(JobRun.Canceled.class, () -> run.call("render", LONG, () -> "not started"));
    }

    @Test
    void aCheckpointPastTheDeadlineIsATimeout() {
        JobRun run = run(Duration.ZERO);

        assertEquals(GenerationException.TIMEOUT, assertThrows(GenerationException.class, run::checkpoint).code());
    }

    @Test
    void aPauseIsEndedByACancel() {
        JobRun run = run(LONG);
        CompletableFuture<Throwable> outcome = CompletableFuture.supplyAsync(() -> {
            try {
                run.pause(Duration.ofMinutes(1));
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        });

        cancel.complete(null);

        assertTrue(outcome.join() instanceof JobRun.Canceled, "got " + outcome.join());
    }

    @Test
    void aPauseThatWouldEndPastTheDeadlineIsNotTaken() {
        JobRun run = run(Duration.ofSeconds(30));

        assertFalse(run.pause(Duration.ofMinutes(1)));
        assertTrue(run.pause(Duration.ofMillis(1)));
    }
}
