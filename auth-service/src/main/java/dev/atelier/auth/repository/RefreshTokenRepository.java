package dev.atelier.auth.repository;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import dev.atelier.auth.domain.RefreshToken;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class RefreshTokenRepository implements PanacheRepositoryBase<RefreshToken, String> {

    /** Locks the row, so two concurrent refreshes with one token cannot both rotate it. */
    public Uni<RefreshToken> findForUpdate(String tokenHash) {
        return findById(tokenHash, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Ends a session: every token of the family that is still live is revoked. */
    public Uni<Integer> revokeFamily(UUID family, Instant now) {
        return update("revokedAt = ?1 where family = ?2 and revokedAt is null", now, family);
    }

    /** Revokes every live token of the user outside the family {@code keep} (all of them when it is null). */
    public Uni<Integer> revokeAllOfUserExcept(UUID userId, UUID keep, Instant now) {
        return keep == null
                ? update("revokedAt = ?1 where userId = ?2 and revokedAt is null", now, userId)
                : update("revokedAt = ?1 where userId = ?2 and family <> ?3 and revokedAt is null", now, userId, keep);
    }
}
