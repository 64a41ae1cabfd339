package dev.atelier.image.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import dev.atelier.events.Event;
import dev.atelier.events.GeneratedImage;
import dev.atelier.events.GenerationCompleted;
import dev.atelier.events.GenerationFailed;
import dev.atelier.events.GenerationProgress;
import dev.atelier.image.domain.GenerationJob;
import dev.atelier.image.repository.GenerationJobRepository;
import dev.atelier.image.repository.ProcessedEventRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Applies the worker's job events. Each event is applied in one transaction together with its
 * {@code processed_events} row, under a lock on the job row: a redelivered event is skipped, concurrent events for
 * one job apply one after another, and a job's status only ever moves forward. The transition that finishes a job
 * also settles its credits in that transaction (completed: charge what was delivered; failed: release), so an
 * event arriving after a cancel or another finish charges nothing.
 */
@ApplicationScoped
public class JobEventService {
    private static final Function<GenerationJob, Uni<Void>> NOTHING_MORE = job -> Uni.createFrom().voidItem();

    private final GenerationJobRepository jobs;
    private final ProcessedEventRepository processed;
    private final CreditService credits;
    private final Clock clock;

    public JobEventService(GenerationJobRepository jobs, ProcessedEventRepository processed, CreditService credits) {
        this.jobs = jobs;
        this.processed = processed;
        this.credits = credits;
        this.clock = Clock.systemUTC();
    }

    public enum Outcome {
        /** The job changed. */
        APPLIED,
        /** The event was new but changed nothing (e.g. progress for a finished job). */
        STALE,
        /** The event id was already processed. */
        DUPLICATE,
        /** No such job for that user; the event is recorded and dropped. */
        UNKNOWN_JOB
    }

    @WithTransaction
    public Uni<Outcome> progress(GenerationProgress event) {
        return apply(event, event.jobId(), job -> job.markRunning(event.percent(), now()), NOTHING_MORE);
    }

    @WithTransaction
    public Uni<Outcome> completed(GenerationCompleted event) {
        List<UUID> imageIds = event.images() == null ? List.of()
                : event.images().stream()
                        .sorted(Comparator.comparingInt(GeneratedImage::index))
                        .map(GeneratedImage::imageId)
                        .toList();
        int delivered = (int) imageIds.stream().distinct().count();
        return apply(event, event.jobId(), job -> job.markSucceeded(imageIds, now()),
                job -> credits.charge(job, delivered));
    }

    @WithTransaction
    public Uni<Outcome> failed(GenerationFailed event) {
        return apply(event, event.jobId(), job -> job.markFailed(event.code(), event.message(), now()),
                credits::release);
    }

    private Uni<Outcome> apply(Event event, UUID jobId, Function<GenerationJob, Boolean> change,
            Function<GenerationJob, Uni<Void>> afterChange) {
        return processed.markProcessed(event.eventId()).chain(first -> {
            if (!first) {
                return Uni.createFrom().item(Outcome.DUPLICATE);
            }
            return jobs.findForUpdate(jobId).chain(job -> {
                if (job == null || !job.getUserId().equals(event.userId())) {
                    Log.warnf("Event %s (%s) names job %s, which user %s does not have; dropped", event.eventId(),
                            event.eventType(), jobId, event.userId());
                    return Uni.createFrom().item(Outcome.UNKNOWN_JOB);
                }
                if (!change.apply(job)) {
                    return Uni.createFrom().item(Outcome.STALE);
                }
                return afterChange.apply(job).replaceWith(Outcome.APPLIED);
            });
        });
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
