package dev.atelier.worker.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

class CancellationRegistryTest {
    private final MutableClock clock = new MutableClock();
    private final CancellationRegistry registry = new CancellationRegistry(Duration.ofHours(1), clock);
    private final UUID job = UUID.randomUUID();

    @Test
    void aCanceledJobIsRemembered() {
        assertFalse(registry.isCanceled(job));

        registry.cancel(job);

        assertTrue(registry.isCanceled(job));
        assertFalse(registry.isCanceled(UUID.randomUUID()));
    }

    @Test
    void aRunningJobIsSignalled() {
        CompletableFuture<Void> signal = registry.watch(job);
        assertFalse(signal.isDone());

        registry.cancel(job);

        assertTrue(signal.isDone());
    }

    @Test
    void everyRunOfAJobIsSignalled() {
        CompletableFuture<Void> first = registry.watch(job);
        CompletableFuture<Void> redelivered = registry.watch(job);

        registry.cancel(job);

        assertTrue(first.isDone());
        assertTrue(redelivered.isDone());
    }

    @Test
    void aRunStartedAfterTheCancelIsSignalledAtOnce() {
        registry.cancel(job);

        assertTrue(registry.watch(job).isDone());
    }

    @Test
    void aReleasedRunIsNoLongerSignalled() {
        CompletableFuture<Void> signal = registry.watch(job);
        registry.release(job, signal);

        registry.cancel(job);

        assertFalse(signal.isDone());
    }

    @Test
    void aCancelIsForgottenAfterTheMemory() {
        registry.cancel(job);
        clock.advance(Duration.ofMinutes(59));
        registry.forgetExpired();
        assertTrue(registry.isCanceled(job));

        clock.advance(Duration.ofMinutes(2));

        assertFalse(registry.isCanceled(job));
        registry.forgetExpired();
        assertEquals(0, registry.remembered());
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2025-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
