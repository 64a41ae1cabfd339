package dev.atelier.image.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import dev.atelier.image.domain.CreditAccount;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class CreditAccountRepository implements PanacheRepositoryBase<CreditAccount, UUID> {
    // Two first requests of one user may race: the loser's insert waits for the winner's commit, then does nothing.
    private static final String OPEN = """
            insert into credit_accounts (user_id, tier, total, used, held, period_start, sequence, generations,
                                         created_at, updated_at)
            values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
            on conflict (user_id) do nothing""";

    /**
     * Stores a new account unless the user has one, in the current transaction.
     *
     * @return whether this call stored it
     */
    public Uni<Boolean> openIfAbsent(CreditAccount fresh) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(OPEN)
                        .setParameter(1, fresh.getUserId())
                        .setParameter(2, fresh.getTier())
                        .setParameter(3, fresh.getTotal())
                        .setParameter(4, fresh.getUsed())
                        .setParameter(5, fresh.getHeld())
                        .setParameter(6, fresh.getPeriodStart())
                        .setParameter(7, fresh.getSequence())
                        .setParameter(8, fresh.getGenerations())
                        .setParameter(9, fresh.getCreatedAt())
                        .setParameter(10, fresh.getUpdatedAt())
                        .executeUpdate())
                .map(inserted -> inserted == 1);
    }

    /** The account, row-locked until the transaction ends: every change of one account waits for the one before. */
    public Uni<CreditAccount> lock(UUID userId) {
        return findById(userId, LockModeType.PESSIMISTIC_WRITE);
    }
}
