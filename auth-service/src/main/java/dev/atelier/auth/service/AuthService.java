package dev.atelier.auth.service;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.exception.ConstraintViolationException;

import dev.atelier.auth.domain.Account;
import dev.atelier.auth.domain.OpaqueToken;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;

/**
 * The use cases: sign up, sign in, refresh, sign out. Hashing runs off the event loop before any transaction
 * opens; the transactions live in {@link AccountService} and {@link SessionService}.
 */
@ApplicationScoped
public class AuthService {
    private static final String UNIQUE_VIOLATION = "23505";

    private final PasswordHasher hasher;
    private final AccountService accounts;
    private final SessionService sessions;
    private final AccessTokenIssuer accessTokens;

    public AuthService(PasswordHasher hasher, AccountService accounts, SessionService sessions,
            AccessTokenIssuer accessTokens) {
        this.hasher = hasher;
        this.accounts = accounts;
        this.sessions = sessions;
        this.accessTokens = accessTokens;
    }

    /** {@code name} and {@code email} already normalised and validated. */
    public Uni<IssuedTokens> signUp(String name, String email, String password) {
        // No "is the email taken?" query first: the unique index decides, also for two concurrent sign-ups.
        return hasher.hash(password)
                .chain(hash -> accounts.register(name, email, hash))
                .onFailure(AuthService::isUniqueViolation).transform(e -> AuthProblems.emailTaken())
                .map(this::withAccessToken);
    }

    public Uni<IssuedTokens> signIn(String email, String password) {
        return accounts.credentials(email)
                .chain(found -> found.isPresent()
                        ? checkPassword(found.get(), password)
                        : hasher.verifyNothing(password).invoke(() -> Log.info("Sign-in for an unknown email"))
                                .replaceWith(Optional.<UUID>empty()))
                .chain(userId -> userId.map(accounts::signIn)
                        .orElseGet(() -> Uni.createFrom().failure(AuthProblems.invalidCredentials())))
                .map(this::withAccessToken);
    }

    public Uni<IssuedTokens> refresh(String refreshToken) {
        return sessions.rotate(refreshToken).map(rotation -> rotation
                .map(r -> issue(r.account(), r.refreshToken()))
                .orElseThrow(AuthProblems::invalidRefreshToken));
    }

    public Uni<Void> signOut(String refreshToken) {
        return sessions.close(refreshToken);
    }

    public Uni<Account> account(UUID userId) {
        return accounts.find(userId).map(found -> found.orElseThrow(AuthProblems::accountNotFound));
    }

    private Uni<Optional<UUID>> checkPassword(AccountService.Credentials credentials, String password) {
        return hasher.verify(password, credentials.passwordHash()).map(matches -> {
            if (!matches) {
                Log.infof("Sign-in with a wrong password for user %s", credentials.userId());
                return Optional.empty();
            }
            return Optional.of(credentials.userId());
        });
    }

    private IssuedTokens withAccessToken(AccountSession session) {
        return issue(session.account(), session.refreshToken());
    }

    private IssuedTokens issue(Account account, OpaqueToken refreshToken) {
        return new IssuedTokens(account, accessTokens.issue(account), refreshToken.value());
    }

    static boolean isUniqueViolation(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())) {
                return true;
            }
            if (cause instanceof ConstraintViolationException violation
                    && violation.getKind() == ConstraintViolationException.ConstraintKind.UNIQUE) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
