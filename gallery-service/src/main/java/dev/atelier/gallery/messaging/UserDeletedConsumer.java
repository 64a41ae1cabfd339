package dev.atelier.gallery.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.atelier.events.Channels;
import dev.atelier.events.UserDeleted;
import dev.atelier.gallery.config.GalleryConfig;
import dev.atelier.gallery.service.UserDeletionService;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * {@code user.deleted} → every row and object of the user is deleted (see {@link UserDeletionService}). Idempotent;
 * an event without ids goes to {@code user.deleted.dlq} at once, a transient failure (database or S3 down) after a
 * few retries.
 */
@ApplicationScoped
public class UserDeletedConsumer {

    private final UserDeletionService deletions;
    private final GalleryConfig.Consumer config;

    public UserDeletedConsumer(UserDeletionService deletions, GalleryConfig config) {
        this.deletions = deletions;
        this.config = config.consumer();
    }

    @Incoming(Channels.USER_DELETED)
    @ActivateRequestContext
    public Uni<Void> consume(UserDeleted event) {
        if (event == null || event.eventId() == null || event.userId() == null) {
            InvalidEventException invalid = new InvalidEventException(event == null ? "no payload"
                    : event.eventId() == null ? "eventId is missing" : "userId is missing");
            Log.warnf("user.deleted %s rejected: %s", event == null ? null : event.eventId(), invalid.getMessage());
            return Uni.createFrom().failure(invalid);
        }
        return Uni.createFrom().deferred(() -> deletions.apply(event))
                .onFailure().invoke(failure -> Log.warnf("user.deleted %s (user %s) failed, will retry: %s",
                        event.eventId(), event.userId(), failure.toString()))
                .onFailure().retry().withBackOff(config.retryBackoff()).atMost(config.retries())
                .invoke(outcome -> {
                    if (outcome.redelivery()) {
                        Log.infof("user.deleted %s (user %s) was already processed", event.eventId(), event.userId());
                    } else {
                        Log.infof("user.deleted %s: deleted %d image(s) and %d object(s) of user %s", event.eventId(),
                                outcome.rows(), outcome.objects(), event.userId());
                    }
                })
                .replaceWithVoid();
    }
}
