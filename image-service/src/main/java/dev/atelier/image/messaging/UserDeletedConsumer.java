package dev.atelier.image.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.atelier.events.Channels;
import dev.atelier.events.UserDeleted;
import dev.atelier.image.service.UserDeletionService;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Consumes auth-service's {@code user.deleted} (group {@code image-service}): the user's jobs are canceled toward the
 * worker and every row of the user is deleted, once per event id (see {@link UserDeletionService}); a failure is
 * retried with backoff, then the record goes to {@code user.deleted.dlq}.
 */
@ApplicationScoped
public class UserDeletedConsumer {
    private final UserDeletionService service;
    private final ConsumerRetries retries;

    public UserDeletedConsumer(UserDeletionService service, ConsumerRetries retries) {
        this.service = service;
        this.retries = retries;
    }

    @Incoming(Channels.USER_DELETED)
    @ActivateRequestContext
    public Uni<Void> onUserDeleted(UserDeleted event) {
        if (event == null) {
            return Uni.createFrom().failure(new InvalidEventException("record could not be read as an event"));
        }
        if (event.eventId() == null || event.userId() == null) {
            return Uni.createFrom().failure(new InvalidEventException(
                    "event " + event.eventId() + " (" + event.eventType() + ") lacks a required id"));
        }
        return retries.apply(() -> service.userDeleted(event))
                .invoke(first -> Log.infof("Event %s (%s): user %s %s", event.eventId(), event.eventType(),
                        event.userId(), first ? "deleted" : "already deleted (duplicate, skipped)"))
                .onFailure().invoke(failure -> Log.errorf(failure, "Event %s (%s) of user %s failed; to the DLQ",
                        event.eventId(), event.eventType(), event.userId()))
                .replaceWithVoid();
    }
}
