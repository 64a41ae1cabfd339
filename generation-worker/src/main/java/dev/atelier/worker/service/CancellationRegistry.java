package dev.atelier.worker.service;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.atelier.worker.config.WorkerConfig;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

/**
 * The jobs canceled recently (for {@code atelier.worker.cancel.memory}), and a signal for each job being worked on
 * so a cancel stops it at once, even in the middle of a provider call. In memory and per instance: every worker
 * replica reads every cancel (a consumer group of its own), and a starting one rereads the last
 * {@code cancel.memory} of them.
 */
@ApplicationScoped
public class CancellationRegistry {
    /** Canceled job id → when it may be forgotten (epoch millis). */
    private final Map<UUID, Long> canceled = new ConcurrentHashMap<>();
    /** Job id → the signals of its runs in progress (a redelivery may run beside the first delivery). */
    private final Map<UUID, Set<CompletableFuture<Void>>> running = new ConcurrentHashMap<>();
    private final Duration memory;
    private final Clock clock;

    @Inject
    public CancellationRegistry(WorkerConfig config) {
        this(config.cancel().memory(), Clock.systemUTC());
    }

    CancellationRegistry(Duration memory, Clock clock) {
        this.memory = memory;
        this.clock = clock;
    }

    /** Records that {@code jobId} is canceled and signals its runs in progress. Idempotent. */
    public void cancel(UUID jobId) {
        canceled.put(jobId, clock.millis() + memory.toMillis());
        Set<CompletableFuture<Void>> signals = running.get(jobId);
        if (signals != null) {
            Log.infof("job %s canceled while in progress: stopping it", jobId);
            signals.forEach(signal -> signal.complete(null));
        }
    }

    public boolean isCanceled(UUID jobId) {
        Long until = canceled.get(jobId);
        return until != null && until > clock.millis();
    }

    /**
     * A signal completed when {@code jobId} is canceled (already completed if it is); {@link #release} it when
     * the run ends.
     */
    public CompletableFuture<Void> watch(UUID jobId) {
        CompletableFuture<Void> signal = new CompletableFuture<>();
        running.compute(jobId, (id, signals) -> {
            Set<CompletableFuture<Void>> set = signals != null ? signals : ConcurrentHashMap.newKeySet();
            set.add(signal);
            return set;
        });
        // After registering: a cancel that arrived in between is seen either here or by cancel().
        if (isCanceled(jobId)) {
            signal.complete(null);
        }
        return signal;
    }

    public void release(UUID jobId, CompletableFuture<Void> signal) {
        running.computeIfPresent(jobId, (id, signals) -> {
            signals.remove(signal);
            return signals.isEmpty() ? null : signals;
        });
    }

    /**
     * Forgets cancels older than the memory. A job first picked up later than that after its cancel is rendered
     * after all; image-service, which canceled it, ignores its outcome.
     */
    @Scheduled(every = "1m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetExpired() {
        long now = clock.millis();
        canceled.values().removeIf(until -> until <= now);
    }

    /** Canceled jobs remembered (for tests and diagnostics). */
    int remembered() {
        return canceled.size();
    }
}
