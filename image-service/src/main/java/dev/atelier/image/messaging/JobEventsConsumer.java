package dev.atelier.image.messaging;

import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.atelier.events.Channels;
import dev.atelier.events.Event;
import dev.atelier.events.GenerationCompleted;
import dev.atelier.events.GenerationFailed;
import dev.atelier.events.GenerationProgress;
import dev.atelier.image.service.JobEventService;
import dev.atelier.image.service.JobEventService.Outcome;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Consumes the worker's job events (group {@code image-service}). Each record is applied idempotently by
 * {@link JobEventService}; a failure is retried with backoff, then the record goes to {@code <topic>.dlq}.
 */
@ApplicationScoped
public class JobEventsConsumer {
    private final JobEventService service;
    private final ConsumerRetries retries;

    public JobEventsConsumer(JobEventService service, ConsumerRetries retries) {
        this.service = service;
        this.retries = retries;
    }

    @Incoming(Channels.GENERATION_PROGRESS)
    @ActivateRequestContext
    public Uni<Void> onProgress(GenerationProgress event) {
        return handle(event, () -> event.jobId() != null, () -> service.progress(event));
    }

    @Incoming(Channels.GENERATION_COMPLETED)
    @ActivateRequestContext
    public Uni<Void> onCompleted(GenerationCompleted event) {
        return handle(event, () -> event.jobId() != null && event.images() != null, () -> service.completed(event));
    }

    @Incoming(Channels.GENERATION_FAILED)
    @ActivateRequestContext
    public Uni<Void> onFailed(GenerationFailed event) {
        return handle(event, () -> event.jobId() != null, () -> service.failed(event));
    }

    private Uni<Void> handle(Event event, Supplier<Boolean> complete, Supplier<Uni<Outcome>> apply) {
        if (event == null) {
            return Uni.createFrom().failure(new InvalidEventException("record could not be read as an event"));
        }
        if (event.eventId() == null || event.userId() == null || !complete.get()) {
            return Uni.createFrom().failure(new InvalidEventException(
                    "event " + event.eventId() + " (" + event.eventType() + ") lacks a required id"));
        }
        return retries.apply(apply)
                .invoke(outcome -> Log.infof("Event %s (%s) of user %s: %s", event.eventId(), event.eventType(),
                        event.userId(), outcome))
                .onFailure().invoke(failure -> Log.errorf(failure, "Event %s (%s) of user %s failed; to the DLQ",
                        event.eventId(), event.eventType(), event.userId()))
                .replaceWithVoid();
    }
}
