package dev.atelier.image.service;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.atelier.image.config.TrackingConfig;
import dev.atelier.image.domain.JobEvent;
import dev.atelier.image.domain.JobStatus;
import dev.atelier.image.messaging.JobNotifications;
import dev.atelier.image.repository.JobEventRepository;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.core.Vertx;

/**
 * Follows jobs as they change, from the database's notifications ({@link JobNotifications}) and the
 * {@code job_events} log: a replayable, live feed of a job's events, and waiting until a job is finished. Nothing
 * here polls: the database is read once at the start and then only when it announced a change (or after the
 * notification connection came back).
 */
@ApplicationScoped
public class JobTracker {
    private final JobNotifications notifications;
    private final JobEventRepository events;
    private final TrackingConfig.Events config;
    private final Vertx vertx;

    public JobTracker(JobNotifications notifications, JobEventRepository events, TrackingConfig config, Vertx vertx) {
        this.notifications = notifications;
        this.events = events;
        this.config = config.events();
        this.vertx = vertx;
    }

    public Uni<Boolean> isOwnedBy(UUID jobId, UUID userId) {
        return events.isOwnedBy(jobId, userId);
    }

    /**
     * The job's events with seq above {@code afterSeq}, then each new one as it commits, with a keepalive every
     * {@code atelier.image.events.keepalive}; completes after the event of a finished job (at once if that event
     * was already seen) or if the job is deleted.
     */
    public Multi<FeedItem> follow(UUID jobId, long afterSeq) {
        return Multi.createFrom().emitter(emitter -> new Feed(jobId, afterSeq, emitter).start());
    }

    /**
     * Completes with true as soon as the job is finished (succeeded, failed or canceled), or with false after
     * {@code max} (or if there is no such job).
     */
    public Uni<Boolean> awaitFinished(UUID jobId, Duration max) {
        return Uni.createFrom().<Boolean>emitter(emitter -> {
            Runnable check = () -> events.status(jobId).subscribe().with(
                    status -> {
                        if (status == null || status.isTerminal()) {
                            emitter.complete(status != null);
                        }
                    },
                    failure -> Log.warnf("Waiting for job %s: status read failed: %s", jobId, failure.toString()));
            JobNotifications.Registration registration = notifications.listen(jobId, new JobNotifications.Listener() {
                @Override
                public void changed(long seq, String status) {
                    if (JobStatus.fromWire(status).isTerminal()) {
                        emitter.complete(true);
                    }
                }

                @Override
                public void resync() {
                    check.run();
                }
            });
            emitter.onTermination(registration::close);
            // Registered first, then read: a change committed in between is either read here or notified.
            check.run();
        }).ifNoItem().after(max).recoverWithItem(false);
    }

    /** An SSE stream element: a job event, or a keepalive when {@code event} is null. */
    public record FeedItem(JobEvent event) {
        static final FeedItem KEEPALIVE = new FeedItem(null);

        public boolean isKeepalive() {
            return event == null;
        }
    }

    /**
     * One subscriber's feed. Reads are serialised: a notification arriving during a read asks for one more read
     * after it, so no event is skipped and none is sent twice (events of one job commit in seq order, see V3).
     */
    private final class Feed implements JobNotifications.Listener {
        private final UUID jobId;
        private final MultiEmitter<? super FeedItem> emitter;
        private long lastSeq;
        private boolean reading;
        private boolean readAgain;
        private boolean done;
        private JobNotifications.Registration registration;
        private long keepaliveTimer = -1;

        Feed(UUID jobId, long afterSeq, MultiEmitter<? super FeedItem> emitter) {
            this.jobId = jobId;
            this.lastSeq = afterSeq;
            this.emitter = emitter;
        }

        void start() {
            registration = notifications.listen(jobId, this);
            long keepalive = Math.max(1, config.keepalive().toMillis());
            keepaliveTimer = vertx.setPeriodic(keepalive, id -> emitter.emit(FeedItem.KEEPALIVE));
            emitter.onTermination(this::stop);
            read();
        }

        @Override
        public void changed(long seq, String status) {
            synchronized (this) {
                if (seq <= lastSeq) {
                    return;
                }
            }
            read();
        }

        @Override
        public void resync() {
            read();
        }

        private void read() {
            long after;
            synchronized (this) {
                if (done) {
                    return;
                }
                if (reading) {
                    readAgain = true;
                    return;
                }
                reading = true;
                readAgain = false;
                after = lastSeq;
            }
            events.eventsAfter(jobId, after).subscribe().with(this::deliver, failure -> {
                Log.warnf("Event stream of job %s: read failed, closing it: %s", jobId, failure.toString());
                finish();
                emitter.fail(failure);
            });
        }

        private void deliver(List<JobEvent> rows) {
            for (JobEvent row : rows) {
                if (row.seq() > lastSeq) {
                    emitter.emit(new FeedItem(row));
                    synchronized (this) {
                        lastSeq = row.seq();
                    }
                }
            }
            // No row at all: the job was deleted. The latest row finished: nothing more will come.
            boolean finished = rows.isEmpty() || rows.get(rows.size() - 1).status().isTerminal();
            boolean again;
            synchronized (this) {
                reading = false;
                again = readAgain && !finished && !done;
            }
            if (finished) {
                finish();
                emitter.complete();
            } else if (again) {
                read();
            }
        }

        private void finish() {
            synchronized (this) {
                done = true;
            }
            stop();
        }

        private void stop() {
            synchronized (this) {
                done = true;
            }
            if (keepaliveTimer >= 0) {
                vertx.cancelTimer(keepaliveTimer);
            }
            if (registration != null) {
                registration.close();
            }
        }
    }
}
