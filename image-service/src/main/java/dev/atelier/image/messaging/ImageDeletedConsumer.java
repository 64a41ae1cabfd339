package dev.atelier.image.messaging;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.atelier.events.Channels;
import dev.atelier.events.ImageDeleted;
import dev.atelier.image.config.ImageConfig;
import dev.atelier.image.service.DeletedImageService;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * Consumes gallery-service's {@code image.deleted} (group {@code image-service}) so that the prompt cache and
 * regenerate forget deleted images. Idempotent by event id; a failure is retried with backoff like the job events,
 * then the record goes to {@code image.deleted.dlq}.
 */
@ApplicationScoped
public class ImageDeletedConsumer {
    private final DeletedImageService service;
    private final ImageConfig.Consumer config;
    private final Vertx vertx;

    public ImageDeletedConsumer(DeletedImageService service, ImageConfig config, Vertx vertx) {
        this.service = service;
        this.config = config.consumer();
        this.vertx = vertx;
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
        return attempt(event, 0)
                .invoke(first -> Log.infof("Event %s (%s): image %s of user %s deleted%s", event.eventId(),
                        event.eventType(), event.imageId(), event.userId(), first ? "" : " (duplicate, skipped)"))
                .onFailure().invoke(failure -> Log.errorf(failure, "Event %s (%s) of user %s failed; to the DLQ",
                        event.eventId(), event.eventType(), event.userId()))
                .replaceWithVoid();
    }

    private Uni<Boolean> attempt(ImageDeleted event, int retry) {
        return Uni.createFrom().deferred(() -> service.imageDeleted(event))
                .onFailure(failure -> retry < config.retries())
                .recoverWithUni(failure -> {
                    Duration delay = config.retryBackoff().multipliedBy(1L << retry);
                    Log.warnf("Recording deleted image %s failed (%s); retry %d in %s", event.imageId(),
                            failure.toString(), retry + 1, delay);
                    return delay(delay).chain(() -> attempt(event, retry + 1));
                });
    }

    /** A Vert.x timer rather than Mutiny's executor: the retry must run on the record's Vert.x context. */
    private Uni<Void> delay(Duration delay) {
        return Uni.createFrom().emitter(emitter -> vertx.setTimer(Math.max(1, delay.toMillis()),
                id -> emitter.complete(null)));
    }
}
