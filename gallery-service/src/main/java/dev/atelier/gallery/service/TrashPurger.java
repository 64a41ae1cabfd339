package dev.atelier.gallery.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.atelier.gallery.config.TrashConfig;
import dev.atelier.gallery.service.TrashService.PurgeBatch;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** Runs the trash purge on schedule: batch after batch until nothing expired is left (or only rows S3 refuses). */
@ApplicationScoped
public class TrashPurger {

    /** What one run did. */
    public record Purged(int batches, int claimed, int purged) {
    }

    private final TrashService trash;
    private final TrashConfig config;

    public TrashPurger(TrashService trash, TrashConfig config) {
        this.trash = trash;
        this.config = config;
    }

    @Scheduled(every = "${atelier.gallery.trash.purge-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        try {
            purge();
        } catch (RuntimeException e) {
            // The next run retries; the rows it could not delete are still there.
            Log.warnf("Trash purge failed: %s", e.toString());
        }
    }

    /** Purges now and waits for the end. Blocking: call it from a worker thread. */
    public Purged purge() {
        try {
            return VertxContextSupport.subscribeAndAwait(this::purgeAll);
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("trash purge failed", e);
        }
    }

    private Uni<Purged> purgeAll() {
        int size = config.purgeBatchSize();
        return Multi.createBy().repeating().uni(trash::purgeBatch)
                // Another batch only when this one was full and made progress: rows S3 keeps refusing stop the run.
                .whilst(batch -> batch.claimed() == size && batch.purged() > 0)
                .collect().asList()
                .map(TrashPurger::total)
                .invoke(total -> {
                    if (total.claimed() > 0) {
                        Log.infof("Trash purge: %d image(s) deleted in %d batch(es), %d kept for a retry",
                                total.purged(), total.batches(), total.claimed() - total.purged());
                    }
                });
    }

    private static Purged total(List<PurgeBatch> batches) {
        return new Purged(batches.size(), batches.stream().mapToInt(PurgeBatch::claimed).sum(),
                batches.stream().mapToInt(PurgeBatch::purged).sum());
    }
}
