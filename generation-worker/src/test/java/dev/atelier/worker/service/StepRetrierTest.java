package dev.atelier.worker.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.atelier.worker.domain.GenerationException;

class StepRetrierTest {
    private final StepRetrier retrier = new StepRetrier(2, Duration.ofMillis(1), Duration.ofMillis(4));
    private final JobRun run = new JobRun(UUID.randomUUID(), Duration.ofMinutes(1), new CompletableFuture<>(),
            Executors.newSingleThreadExecutor());

    private static GenerationException unavailable() {
        return new GenerationException(GenerationException.PROVIDER_UNAVAILABLE, "down", true, null);
    }

    @Test
    void aRetryableFailureIsRetriedUntilItSucceeds() {
        AtomicInteger attempts = new AtomicInteger();

        String result = retrier.run(run, "render", () -> {
            if (attempts.incrementAndGet() < 3) {
                throw unavailable();
            }
            return "image";
        });

        assertEquals("image", result);
        assertEquals(3, attempts.get());
    }

    @Test
    void retriesAreBounded() {
        AtomicInteger attempts = new AtomicInteger();
        GenerationException last = unavailable();

        GenerationException thrown = assertThrows(GenerationException.class, () -> retrier.run(run, "render", () -> {
            attempts.incrementAndGet();
            throw last;
        }));

        assertSame(last, thrown);
        assertEquals(3, attempts.get(), "the first attempt and two retries");
    }

    @Test
    void aFailureThatIsNotRetryableIsNotRetried() {
        AtomicInteger attempts = new AtomicInteger();

        GenerationException thrown = assertThrows(GenerationException.class, () -> retrier.run(run, "render", () -> {
            attempts.incrementAndGet();
            throw new GenerationException(GenerationException.INVALID_IMAGE, "garbage", false, null);
        }));

        assertEquals(GenerationException.INVALID_IMAGE, thrown.code());
        assertEquals(1, attempts.get());
    }

    @Test
    void noRetryIsAttemptedWhenItsWaitWouldEndPastTheDeadline() {
        StepRetrier patient = new StepRetrier(5, Duration.ofMinutes(2), Duration.ofMinutes(2));
        AtomicInteger attempts = new AtomicInteger();

        assertThrows(GenerationException.class, () -> patient.run(run, "render", () -> {
            attempts.incrementAndGet();
            throw unavailable();
        }));

        assertEquals(1, attempts.get());
    }

    @Test
    void theWaitDoublesUpToItsMaximum() {
        StepRetrier backoff = new StepRetrier(5, Duration.ofSeconds(1), Duration.ofSeconds(5));

        assertEquals(Duration.ofSeconds(1), backoff.backoff(0));
        assertEquals(Duration.ofSeconds(2), backoff.backoff(1));
        assertEquals(Duration.ofSeconds(4), backoff.backoff(2));
        assertEquals(Duration.ofSeconds(5), backoff.backoff(3));
        assertEquals(Duration.ofSeconds(5), backoff.backoff(30));
    }
}
