package dev.atelier.auth.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One refresh token of a session (its family), stored by the SHA-256 of the opaque value the client holds. A
 * token is used once: refreshing marks it {@code replacedBy} its successor.
 */
@Entity
@Table(name = "refresh_tokens")
public class RefreshToken {
    @Id
    @Column(name = "token_hash")
    private String tokenHash;

    @Column(name = "user_id", nullable = false, updatable = false)
    private UUID userId;

    @Column(nullable = false, updatable = false)
    private UUID family;

    @Column(name = "expires_at", nullable = false, updatable = false)
    private Instant expiresAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    @Column(name = "replaced_by")
    private String replacedBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected RefreshToken() {
        // for Hibernate
    }

    public static RefreshToken issue(String tokenHash, UUID userId, UUID family, Instant now, Instant expiresAt) {
        RefreshToken token = new RefreshToken();
        token.tokenHash = tokenHash;
        token.userId = userId;
        token.family = family;
        token.createdAt = now;
        token.expiresAt = expiresAt;
        return token;
    }

    /** Used once already: presenting it again means it leaked. */
    public boolean wasRotated() {
        return replacedBy != null;
    }

    public boolean isUsable(Instant now) {
        return revokedAt == null && replacedBy == null && now.isBefore(expiresAt);
    }

    public void rotateTo(String successorHash, Instant now) {
        replacedBy = successorHash;
        revokedAt = now;
    }

    public String tokenHash() {
        return tokenHash;
    }

    public UUID userId() {
        return userId;
    }

    public UUID family() {
        return family;
    }
}
