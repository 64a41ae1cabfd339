package dev.atelier.image.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.atelier.image.domain.CreditHold;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class CreditHoldRepository implements PanacheRepositoryBase<CreditHold, UUID> {

    /**
     * Removes and returns what the job holds, or null if it holds nothing (never held, or already settled). Callers
     * hold the job's row lock, so two settlements of one job cannot both find the hold.
     */
    public Uni<CreditHold> take(UUID jobId) {
        return findById(jobId).call(hold -> hold == null ? Uni.createFrom().voidItem() : delete(hold));
    }
}
