package dev.atelier.image.service;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.atelier.image.config.ReaperConfig;
import dev.atelier.image.messaging.OutboxRelay;
import dev.atelier.image.service.StaleJobService.Batch;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Keeps a crash from leaving a job stuck (DESIGN.md §3): every {@code reaper.interval} it hands jobs running with
 * no change for longer than {@code reaper.lease}, or queued for longer than {@code reaper.queued-timeout}, to
 * {@link StaleJobService}. Safe on every replica at once: each batch locks its jobs with {@code SKIP LOCKED}.
 */
@ApplicationScoped
public class JobReaper {
    private final StaleJobService stale;
    private final OutboxRelay relay;
    private final ReaperConfig config;
    private final Clock clock;

    public JobReaper(StaleJobService stale, OutboxRelay relay, ReaperConfig config) {
        this.stale = stale;
        this.relay = relay;
        this.config = config;
        this.clock = Clock.systemUTC();
    }

    /** The totals of one reaper run. */
    public record Reaped(int requeued, int failed) {
    }

    @Scheduled(every = "${atelier.image.reaper.interval}", delayed = "${atelier.image.reaper.interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        try {
            reap();
        } catch (RuntimeException e) {
            // The next run tries again; nothing was half done (each batch is one transaction).
            Log.warnf("Job reaper failed: %s", e.toString());
        }
    }

    /** Reaps every stuck job now and waits for the end. Blocking: call it from a worker thread. */
    public Reaped reap() {
        try {
            return VertxContextSupport.subscribeAndAwait(this::reapAll);
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("job reaper failed", e);
        }
    }

    private Uni<Reaped> reapAll() {
        return Multi.createBy().repeating()
                .uni(() -> stale.reapBatch(clock.instant().truncatedTo(ChronoUnit.MICROS)))
                // Another batch only while they come back full.
                .whilst(batch -> batch.claimed() == config.batchSize())
                .collect().asList()
                .map(JobReaper::total)
                .invoke(total -> {
                    if (total.requeued() + total.failed() > 0) {
                        Log.infof("Job reaper: %d job(s) queued again, %d failed", total.requeued(), total.failed());
                        relay.kick();
                    }
                });
    }

    private static Reaped total(List<Batch> batches) {
        return new Reaped(batches.stream().mapToInt(Batch::requeued).sum(),
                batches.stream().mapToInt(Batch::failed).sum());
    }
}
