package dev.atelier.image.messaging;

import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.atelier.events.Channels;
import dev.atelier.events.CreditsGranted;
import dev.atelier.events.Event;
import dev.atelier.events.TierChanged;
import dev.atelier.image.config.TierConfig;
import dev.atelier.image.service.AdminCreditService;
import dev.atelier.image.service.AdminCreditService.Outcome;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Consumes what an admin did in auth-service (group {@code image-service}): {@code user.tier-changed} and
 * {@code credits.granted}, applied once per event id by {@link AdminCreditService}. A record that can never apply (a
 * tier not configured here, a grant of no credits) goes straight to {@code <topic>.dlq}; other failures are retried
 * with backoff first.
 */
@ApplicationScoped
public class AdminCreditsConsumer {
    private final AdminCreditService service;
    private final ConsumerRetries retries;
    private final TierConfig tiers;

    public AdminCreditsConsumer(AdminCreditService service, ConsumerRetries retries, TierConfig tiers) {
        this.service = service;
        this.retries = retries;
        this.tiers = tiers;
    }

    @Incoming(Channels.TIER_CHANGED)
    @ActivateRequestContext
    public Uni<Void> onTierChanged(TierChanged event) {
        return handle(event, () -> {
            if (event.occurredAt() == null) {
                return "lacks occurredAt";
            }
            if (event.tier() == null || !tiers.tiers().containsKey(event.tier())) {
                return "names tier '" + event.tier() + "', which is not configured";
            }
            return null;
        }, () -> service.tierChanged(event));
    }

    @Incoming(Channels.CREDITS_GRANTED)
    @ActivateRequestContext
    public Uni<Void> onCreditsGranted(CreditsGranted event) {
        return handle(event, () -> event.amount() > 0 ? null : "grants " + event.amount() + " credits",
                () -> service.granted(event));
    }

    /** {@code problem} names what makes the event unusable, or is null when it can be applied. */
    private Uni<Void> handle(Event event, Supplier<String> problem, Supplier<Uni<Outcome>> apply) {
        if (event == null) {
            return Uni.createFrom().failure(new InvalidEventException("record could not be read as an event"));
        }
        if (event.eventId() == null || event.userId() == null) {
            return Uni.createFrom().failure(new InvalidEventException(
                    "event " + event.eventId() + " (" + event.eventType() + ") lacks a required id"));
        }
        String invalid = problem.get();
        if (invalid != null) {
            return Uni.createFrom().failure(new InvalidEventException(
                    "event " + event.eventId() + " (" + event.eventType() + ") " + invalid));
        }
        return retries.apply(apply)
                .invoke(outcome -> Log.infof("Event %s (%s) of user %s: %s", event.eventId(), event.eventType(),
                        event.userId(), outcome))
                .onFailure().invoke(failure -> Log.errorf(failure, "Event %s (%s) of user %s failed; to the DLQ",
                        event.eventId(), event.eventType(), event.userId()))
                .replaceWithVoid();
    }
}
