package dev.atelier.auth.service;

import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import dev.atelier.auth.domain.CreditSnapshot;
import dev.atelier.auth.domain.UserStats;
import dev.atelier.auth.repository.ProcessedEventRepository;
import dev.atelier.auth.repository.StatsRepository;
import dev.atelier.events.CreditsChanged;
import dev.atelier.events.ImageDeleted;
import dev.atelier.events.ImageStored;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * The projection behind {@code GET /users/me/stats}, kept from other services' events and never from a call to
 * them. Each event is applied once (its id in {@code processed_events}, in the same transaction) and only to an
 * existing account; applying is idempotent in itself too: one row per image id (a deleted one stays as a
 * tombstone) and the credit snapshot with the highest sequence.
 */
@ApplicationScoped
public class StatsProjection {

    /** What applying one event did. */
    public enum Outcome {
        /** The projection changed. */
        APPLIED,
        /** Nothing to change: the image was already known or deleted, or the credit snapshot was not newer. */
        UNCHANGED,
        /** No such account (deleted, or never existed): ignored, nothing stored. */
        UNKNOWN_USER,
        /** This event id was applied before. */
        REDELIVERY
    }

    private final StatsRepository repository;
    private final ProcessedEventRepository processed;

    public StatsProjection(StatsRepository repository, ProcessedEventRepository processed) {
        this.repository = repository;
        this.processed = processed;
    }

    @WithTransaction
    public Uni<Outcome> imageStored(ImageStored event) {
        return apply(event.eventId(), event.userId(),
                () -> repository.imageStored(event.imageId(), event.userId(), event.style(), event.bytes()));
    }

    @WithTransaction
    public Uni<Outcome> imageDeleted(ImageDeleted event) {
        return apply(event.eventId(), event.userId(),
                () -> repository.imageDeleted(event.imageId(), event.userId(), event.style(), event.bytes()));
    }

    @WithTransaction
    public Uni<Outcome> creditsChanged(CreditsChanged event) {
        CreditSnapshot snapshot = new CreditSnapshot(event.tier(), event.total(), event.used(), event.held(),
                event.remaining(), event.generations());
        return apply(event.eventId(), event.userId(),
                () -> repository.creditsChanged(event.userId(), event.sequence(), snapshot));
    }

    /**
     * Drops every projection row of the user. Call it inside the account-deletion transaction: it joins the
     * caller's transaction (and opens its own only when there is none), so it commits or rolls back with the
     * deletion. Events that arrive later for the deleted account are ignored.
     */
    @WithTransaction
    public Uni<Void> forget(UUID userId) {
        return repository.forget(userId)
                .invoke(rows -> Log.infof("Stats of user %s forgotten (%d rows)", userId, rows))
                .replaceWithVoid();
    }

    /** The user's figures; a {@code not-found} problem when the account no longer exists. */
    public Uni<UserStats> stats(UUID userId) {
        return repository.stats(userId).map(found -> found.orElseThrow(AuthProblems::accountDeleted));
    }

    private Uni<Outcome> apply(UUID eventId, UUID userId, Supplier<Uni<Boolean>> change) {
        return processed.markProcessed(eventId).chain(first -> {
            if (!first) {
                return Uni.createFrom().item(Outcome.REDELIVERY);
            }
            return repository.lockUser(userId).chain(exists -> exists
                    ? change.get().map(changed -> changed ? Outcome.APPLIED : Outcome.UNCHANGED)
                    : Uni.createFrom().item(Outcome.UNKNOWN_USER));
        });
    }
}
