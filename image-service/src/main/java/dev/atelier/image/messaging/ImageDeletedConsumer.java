package dev.atelier.image.messaging;


import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.atelier.events.Channels;
import dev.atelier.events.ImageDeleted;
import dev.atelier.image.service.DeletedImageService;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Consumes gallery-service's {@code image.deleted} (group {@code image-service}) so that the prompt cache and
 * regenerate forget deleted images. Idempotent by event id; a failure is retried with backoff like the job events,
 * then the record goes to {@code image.deleted.dlq}.
 */
@ApplicationScoped
public class ImageDeletedConsumer {
    private final DeletedImageService service;
    private final ConsumerRetries retries;

    public ImageDeletedConsumer(DeletedImageService service, ConsumerRetries retries) {
        this.service = service;
        this.retries = retries;
    }

    @Incoming(Channels.IMAGE_DELETED)
    @ActivateRequestContext
    public Uni<Void> onImageDeleted(ImageDeleted event) {
        if (event == null) {
            return Uni.createFrom().failure(new InvalidEventException("record could not be read as an event"));
        }
        if (event.eventId() == null || event.userId() == null || event.imageId() == null) {
            return Uni.createFrom().failure(new InvalidEventException(
                    "event " + event.eventId() + " (" + event.eventType() + ") lacks a required id"));
        }
        return retries.apply(() -> service.imageDeleted(event))
                .invoke(first -> Log.infof("Event %s (%s): image %s of user %s deleted%s", event.eventId(),
                        event.eventType(), event.imageId(), event.userId(),
                        first ? "" : " (duplicate or deleted user, skipped)"))
                .onFailure().invoke(failure -> Log.errorf(failure, "Event %s (%s) of user %s failed; to the DLQ",
                        event.eventId(), event.eventType(), event.userId()))
                .replaceWithVoid();
    }
}
