package dev.atelier.auth.service;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.atelier.auth.config.AuthConfig;
import dev.atelier.auth.domain.OpaqueToken;
import dev.atelier.auth.domain.RefreshToken;
import dev.atelier.auth.repository.RefreshTokenRepository;
import dev.atelier.auth.repository.UserRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Sign-in sessions, each a family of single-use refresh tokens. Refreshing rotates: the presented token is
 * retired and a new one of the same family is issued. A retired token presented again means it was copied, so
 * the whole family is revoked and both holders have to sign in again.
 */
@ApplicationScoped
public class SessionService {
    private final RefreshTokenRepository tokens;
    private final UserRepository users;
    private final AuthConfig config;

    public SessionService(RefreshTokenRepository tokens, UserRepository users, AuthConfig config) {
        this.tokens = tokens;
        this.users = users;
        this.config = config;
    }

    /** A new session (family) for the user; joins the caller's transaction when there is one. */
    @WithTransaction
    public Uni<Session> open(UUID userId) {
        UUID family = UUID.randomUUID();
        return issue(userId, family, Timestamps.now()).map(token -> new Session(family, token));
    }

    /**
     * Ends every session of the user except {@code keep} (the caller's, from its access token's {@code sid}; null
     * ends them all). Joins the caller's transaction.
     *
     * @return the number of refresh tokens revoked
     */
    @WithTransaction
    public Uni<Integer> revokeAllExcept(UUID userId, UUID keep) {
        return tokens.revokeAllOfUserExcept(userId, keep, Timestamps.now());
    }

    /**
     * The account and the next refresh token, or empty when the presented token is unknown, expired, revoked or
     * reused. Revoking a family on reuse is committed even though the caller then answers 401.
     */
    @WithTransaction
    public Uni<Optional<AccountSession>> rotate(String presentedToken) {
        Instant now = Timestamps.now();
        return tokens.findForUpdate(OpaqueToken.hashOf(presentedToken)).chain(token -> {
            if (token == null) {
                Log.info("Refresh with an unknown token");
                return Uni.createFrom().item(Optional.<AccountSession>empty());
            }
            if (token.wasRotated()) {
                return tokens.revokeFamily(token.family(), now).map(revoked -> {
                    Log.warnf("Refresh token reuse for user %s: session %s revoked (%d tokens)", token.userId(),
                            token.family(), revoked);
                    return Optional.<AccountSession>empty();
                });
            }
            if (!token.isUsable(now)) {
                Log.infof("Refresh with an expired or revoked token of user %s, session %s", token.userId(),
                        token.family());
                return Uni.createFrom().item(Optional.<AccountSession>empty());
            }
            return issue(token.userId(), token.family(), now)
                    .invoke(next -> token.rotateTo(next.hash(), now))
                    .chain(next -> users.findById(token.userId())
                            .map(user -> Optional.of(new AccountSession(user.toAccount(),
                                    new Session(token.family(), next)))))
                    .invoke(() -> Log.debugf("Rotated a refresh token of user %s, session %s", token.userId(),
                            token.family()));
        });
    }

    /** Ends the session the token belongs to. Unknown tokens are ignored: signing out is idempotent. */
    @WithTransaction
    public Uni<Void> close(String presentedToken) {
        return tokens.findById(OpaqueToken.hashOf(presentedToken)).chain(token -> {
            if (token == null) {
                return Uni.createFrom().voidItem();
            }
            return tokens.revokeFamily(token.family(), Timestamps.now())
                    .invoke(() -> Log.infof("User %s signed out of session %s", token.userId(), token.family()))
                    .replaceWithVoid();
        });
    }

    /**
     * Deletes refresh tokens past their expiry: useless to their holder, and a rotated one can no longer be replayed
     * into a live family. Rotated tokens that have not expired stay, so a replay is still recognised as reuse.
     */
    @Scheduled(every = "${atelier.auth.refresh-token-purge-interval:PT1H}",
            delayed = "${atelier.auth.refresh-token-purge-interval:PT1H}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> purgeExpired() {
        return Panache.withTransaction(() -> tokens.delete("expiresAt < ?1", Timestamps.now()))
                .invoke(deleted -> {
                    if (deleted > 0) {
                        Log.infof("Purged %d expired refresh tokens", deleted);
                    }
                })
                .onFailure().invoke(failure -> Log.warnf("Purging expired refresh tokens failed: %s",
                        failure.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private Uni<OpaqueToken> issue(UUID userId, UUID family, Instant now) {
        OpaqueToken token = OpaqueToken.generate();
        return tokens.persist(RefreshToken.issue(token.hash(), userId, family, now,
                now.plus(config.refreshTokenLifetime()))).replaceWith(token);
    }
}
