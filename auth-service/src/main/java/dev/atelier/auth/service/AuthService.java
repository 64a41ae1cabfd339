package dev.atelier.auth.service;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.exception.ConstraintViolationException;

import dev.atelier.auth.domain.Account;
import dev.atelier.auth.messaging.AuthOutboxRelay;
import dev.atelier.problem.ProblemException;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;

/**
 * The use cases: sign up, sign in, refresh, sign out, change the profile, delete the account. Hashing runs off the
 * event loop before any transaction opens; the transactions live in {@link AccountService} and
 * {@link SessionService}. Every password check (sign-in, password change, account deletion) is throttled per
 * email and per client address by {@link SignInThrottle}.
 */
@ApplicationScoped
public class AuthService {
    private static final String UNIQUE_VIOLATION = "23505";

    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final AccountService accounts;
    private final SessionService sessions;
    private final AccessTokenIssuer accessTokens;
    private final SignInThrottle throttle;
    private final AuthOutboxRelay outbox;

    public AuthService(PasswordHasher hasher, PasswordPolicy policy, AccountService accounts,
            SessionService sessions, AccessTokenIssuer accessTokens, SignInThrottle throttle,
            AuthOutboxRelay outbox) {
        this.hasher = hasher;
        this.policy = policy;
        this.accounts = accounts;
        this.sessions = sessions;
        this.accessTokens = accessTokens;
        this.throttle = throttle;
        this.outbox = outbox;
    }

    /** {@code name}, {@code email} and {@code password} already normalised and validated for shape. */
    public Uni<IssuedTokens> signUp(String name, String email, String password) {
        policy.check("password", password, email, name);
        // No "is the email taken?" query first: the unique index decides, also for two concurrent sign-ups.
        return hasher.hash(password)
                .chain(hash -> accounts.register(name, email, hash))
                .onFailure(AuthService::isUniqueViolation).transform(e -> AuthProblems.emailTaken())
                .map(this::issue);
    }

    /**
     * The same answer, after the same work, for an unknown email and a wrong password; 429 once the email or the
     * address has too many recent failures, before any password is checked.
     */
    public Uni<IssuedTokens> signIn(String email, String password, String address) {
        return throttle.check(email, address)
                .chain(() -> accounts.credentials(email))
                .chain(found -> found.isPresent()
                        ? matches(found.get(), password)
                        : hasher.verifyNothing(password).invoke(() -> Log.info("Sign-in for an unknown email"))
                                .replaceWith(Optional.<AccountService.Credentials>empty()))
                .chain(matched -> {
                    if (matched.isEmpty()) {
                        return throttle.failed(email, address)
                                .chain(() -> Uni.createFrom().failure(AuthProblems.invalidCredentials()));
                    }
                    AccountService.Credentials credentials = matched.get();
                    return rehashIfWeaker(credentials, password)
                            .chain(rehashed -> accounts.signIn(credentials.userId(), rehashed))
                            .call(() -> throttle.succeeded(email));
                })
                .map(this::issue);
    }

    public Uni<IssuedTokens> refresh(String refreshToken) {
        return sessions.rotate(refreshToken).map(rotation -> rotation
                .map(this::issue)
                .orElseThrow(AuthProblems::invalidRefreshToken));
    }

    public Uni<Void> signOut(String refreshToken) {
        return sessions.close(refreshToken);
    }

    public Uni<Account> account(UUID userId) {
        return accounts.find(userId).map(found -> found.orElseThrow(AuthProblems::accountDeleted));
    }

    /**
     * Renames and/or changes the password. A new password needs the current one (checked and throttled like a
     * sign-in), must pass the policy, and ends every other session of the user, keeping {@code sessionId}.
     */
    public Uni<Account> updateProfile(UUID userId, UUID sessionId, Optional<String> name,
            Optional<String> currentPassword, Optional<String> newPassword, String address) {
        if (newPassword.isEmpty()) {
            return accounts.update(userId, name, Optional.empty(), sessionId);
        }
        if (currentPassword.isEmpty()) {
            throw ProblemException.invalidField("currentPassword", "is required to change the password");
        }
        return confirmPassword(userId, currentPassword.get(), "currentPassword", address)
                .chain(credentials -> {
                    policy.check("newPassword", newPassword.get(), credentials.email(),
                            name.orElse(credentials.name()));
                    return hasher.hash(newPassword.get());
                })
                .chain(hash -> accounts.update(userId, name, Optional.of(hash), sessionId));
    }

    /** Deletes the account after checking its password (throttled like a sign-in). */
    public Uni<Void> deleteAccount(UUID userId, String password, String address) {
        return confirmPassword(userId, password, "password", address)
                .chain(credentials -> accounts.delete(userId))
                .invoke(outbox::kick);
    }

    /** The account's credentials once {@code password} is proven right; 403 naming {@code field} otherwise. */
    private Uni<AccountService.Credentials> confirmPassword(UUID userId, String password, String field,
            String address) {
        return accounts.credentials(userId)
                .map(found -> found.orElseThrow(AuthProblems::accountDeleted))
                .call(credentials -> throttle.check(credentials.email(), address))
                .chain(credentials -> hasher.verify(password, credentials.passwordHash()).chain(matches -> {
                    if (!matches) {
                        Log.infof("User %s gave a wrong password to change their account", userId);
                        return throttle.failed(credentials.email(), address)
                                .chain(() -> Uni.createFrom().failure(AuthProblems.wrongPassword(field)));
                    }
                    return Uni.createFrom().item(credentials);
                }));
    }

    private Uni<Optional<AccountService.Credentials>> matches(AccountService.Credentials credentials,
            String password) {
        return hasher.verify(password, credentials.passwordHash()).map(matches -> {
            if (!matches) {
                Log.infof("Sign-in with a wrong password for user %s", credentials.userId());
                return Optional.empty();
            }
            return Optional.of(credentials);
        });
    }

    private Uni<Optional<String>> rehashIfWeaker(AccountService.Credentials credentials, String password) {
        if (!hasher.needsRehash(credentials.passwordHash())) {
            return Uni.createFrom().item(Optional.empty());
        }
        return hasher.hash(password).map(Optional::of);
    }

    private IssuedTokens issue(AccountSession session) {
        return new IssuedTokens(session.account(), accessTokens.issue(session.account(), session.session().id()),
                session.session().refreshToken().value());
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
