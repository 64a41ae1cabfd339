package dev.atelier.auth.messaging;

import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.atelier.auth.service.StatsProjection;
import dev.atelier.auth.service.StatsProjection.Outcome;
import dev.atelier.events.Channels;
import dev.atelier.events.CreditsChanged;
import dev.atelier.events.Event;
import dev.atelier.events.ImageDeleted;
import dev.atelier.events.ImageStored;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Feeds the stats projection (group {@code auth-service}): gallery-service's {@code image.stored} and
 * {@code image.deleted}, image-service's {@code credits.changed}. Runs on the event loop; each record is applied in
 * one transaction with its {@code processed_events} row. An unreadable record or one without its ids goes to
 * {@code <topic>.dlq} at once; a failure to apply one (database down) after a few retries.
 */
@ApplicationScoped
public class StatsEventsConsumer {
    private final StatsProjection projection;
    private final ConsumerRetries retries;

    public StatsEventsConsumer(StatsProjection projection, ConsumerRetries retries) {
        this.projection = projection;
        this.retries = retries;
    }

    @Incoming(Channels.IMAGE_STORED)
    @ActivateRequestContext
    public Uni<Void> onImageStored(ImageStored event) {
        return apply(event, e -> imageProblem(e.imageId(), e.bytes()), () -> projection.imageStored(event));
    }

    @Incoming(Channels.IMAGE_DELETED)
    @ActivateRequestContext
    public Uni<Void> onImageDeleted(ImageDeleted event) {
        return apply(event, e -> imageProblem(e.imageId(), e.bytes()), () -> projection.imageDeleted(event));
    }

    @Incoming(Channels.CREDITS_CHANGED)
    @ActivateRequestContext
    public Uni<Void> onCreditsChanged(CreditsChanged event) {
        return apply(event, e -> e.tier() == null ? "tier is missing" : null, () -> projection.creditsChanged(event));
    }

    /** {@code problem} names what makes the event unusable, or is null. */
    private <E extends Event> Uni<Void> apply(E event, Function<E, String> problem, Supplier<Uni<Outcome>> apply) {
        if (event == null) {
            Log.warn("A record could not be read as an event; to the DLQ");
            return Uni.createFrom().failure(new InvalidEventException("record could not be read as an event"));
        }
        String invalid = event.eventId() == null ? "eventId is missing"
                : event.userId() == null ? "userId is missing" : problem.apply(event);
        if (invalid != null) {
            Log.warnf("Event %s (%s) of user %s rejected: %s; to the DLQ", event.eventId(), event.eventType(),
                    event.userId(), invalid);
            return Uni.createFrom().failure(new InvalidEventException(invalid));
        }
        return retries.apply(apply)
                .invoke(outcome -> Log.infof("Event %s (%s) of user %s: %s", event.eventId(), event.eventType(),
                        event.userId(), describe(outcome)))
                .onFailure().invoke(failure -> Log.errorf(failure, "Event %s (%s) of user %s failed; to the DLQ",
                        event.eventId(), event.eventType(), event.userId()))
                .replaceWithVoid();
    }

    private static String imageProblem(UUID imageId, long bytes) {
        return imageId == null ? "imageId is missing" : bytes < 0 ? "bytes is negative" : null;
    }

    private static String describe(Outcome outcome) {
        switch (outcome) {
            case APPLIED:
                return "applied";
            case UNCHANGED:
                return "nothing to change (image already known or deleted, or an older credit snapshot)";
            case UNKNOWN_USER:
                return "ignored, no such account";
            case REDELIVERY:
                return "ignored, already processed";
            default:
                throw new IllegalArgumentException(outcome.name());
        }
    }
}
