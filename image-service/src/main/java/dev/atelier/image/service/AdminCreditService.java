package dev.atelier.image.service;

import java.time.Instant;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import dev.atelier.events.CreditsGranted;
import dev.atelier.events.TierChanged;
import dev.atelier.image.domain.CreditChange;
import dev.atelier.image.domain.UsageLog;
import dev.atelier.image.repository.ProcessedEventRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * What an admin does to a user's credits in auth-service, applied here from its events: a tier change
 * ({@code user.tier-changed}) and extra credits ({@code credits.granted}). Each event is applied once, in one
 * transaction with its {@code processed_events} row, under the account's lock, with a usage row naming the admin and
 * a {@code CreditsChanged} snapshot on the outbox. Nothing is stored for a deleted user.
 */
@ApplicationScoped
public class AdminCreditService {
    private final CreditService credits;
    private final ProcessedEventRepository processed;
    private final AccountGuard guard;

    public AdminCreditService(CreditService credits, ProcessedEventRepository processed, AccountGuard guard) {
        this.credits = credits;
        this.processed = processed;
        this.guard = guard;
    }

    public enum Outcome {
        /** The account changed. */
        APPLIED,
        /** The event id was already processed. */
        DUPLICATE,
        /** A tier change older than the one the account has; nothing changed. */
        STALE,
        /** The user was deleted; nothing is stored for them. */
        USER_DELETED
    }

    /**
     * The account takes the new tier: that tier's monthly credits (plus this period's grants) and limits, keeping
     * what is used and held; an account not yet opened opens with the new tier.
     */
    @WithTransaction
    public Uni<Outcome> tierChanged(TierChanged event) {
        UUID userId = event.userId();
        return once(event.eventId(), userId, now -> credits.lockOrOpen(userId, event.tier(), now)
                .chain(account -> account
                        .changeTier(event.tier(), credits.tier(event.tier()).monthlyCredits(), event.occurredAt(),
                                now)
                        .map(change -> credits.record(new UsageLog(userId, change, null, null, null,
                                event.adminId()), change, null)
                                .invoke(() -> Log.infof("Admin %s moved user %s from %s to %s (event %s): total %d,"
                                        + " used %d, held %d", event.adminId(), userId, event.previousTier(),
                                        event.tier(), event.eventId(), change.total(), change.used(), change.held()))
                                .replaceWith(Outcome.APPLIED))
                        .orElseGet(() -> Uni.createFrom().item(Outcome.STALE))));
    }

    /** Adds the granted credits to what the user may spend this period. */
    @WithTransaction
    public Uni<Outcome> granted(CreditsGranted event) {
        UUID userId = event.userId();
        return once(event.eventId(), userId, now -> credits.lockOrOpen(userId, credits.defaultTier(), now)
                .chain(account -> {
                    CreditChange change = account.grant(event.amount(), now);
                    return credits.record(new UsageLog(userId, change, null, null, event.reason(), event.adminId()),
                            change, null)
                            .invoke(() -> Log.infof("Admin %s granted user %s %d credits (event %s): total %d,"
                                    + " remaining %d", event.adminId(), userId, event.amount(), event.eventId(),
                                    change.total(), change.remaining()));
                })
                .replaceWith(Outcome.APPLIED));
    }

    private Uni<Outcome> once(UUID eventId, UUID userId, Function<Instant, Uni<Outcome>> apply) {
        return processed.markProcessed(eventId).chain(first -> !first ? Uni.createFrom().item(Outcome.DUPLICATE)
                : guard.isDeleted(userId).chain(deleted -> deleted ? Uni.createFrom().item(Outcome.USER_DELETED)
                        : apply.apply(credits.now())));
    }
}
