package dev.atelier.auth.service;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import dev.atelier.auth.config.AuthConfig;
import dev.atelier.auth.domain.Account;
import dev.atelier.auth.domain.User;
import dev.atelier.auth.messaging.EventOutbox;
import dev.atelier.auth.repository.UserRepository;
import dev.atelier.events.UserDeleted;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/** Accounts in the database. Password hashing happens before these calls, outside their transactions. */
@ApplicationScoped
public class AccountService {
    private final UserRepository users;
    private final SessionService sessions;
    private final EventOutbox outbox;
    private final Set<String> adminEmails;

    public AccountService(UserRepository users, SessionService sessions, EventOutbox outbox, AuthConfig config) {
        this.users = users;
        this.sessions = sessions;
        this.outbox = outbox;
        this.adminEmails = config.adminEmails().orElse(List.of()).stream()
                .map(email -> email.strip().toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** What a sign-in needs to check a password; empty when no account has this email. */
    @WithSession
    public Uni<Optional<Credentials>> credentials(String email) {
        return users.findByEmail(email)
                .map(user -> Optional.ofNullable(user).map(AccountService::credentialsOf));
    }

    @WithSession
    public Uni<Optional<Credentials>> credentials(UUID userId) {
        return users.findById(userId).map(user -> Optional.ofNullable(user).map(AccountService::credentialsOf));
    }

    /**
     * Creates the account and its first session in one transaction. A taken email fails with the unique
     * violation of {@code users_email_lower_key} when the transaction commits.
     */
    @WithTransaction
    public Uni<AccountSession> register(String name, String email, String passwordHash) {
        Instant now = Timestamps.now();
        User user = User.register(email, name, passwordHash, now);
        promoteIfListed(user, now);
        return users.persist(user)
                .chain(users::flush)
                .chain(() -> sessions.open(user.id()))
                .map(session -> new AccountSession(user.toAccount(), session))
                .invoke(created -> Log.infof("Registered user %s", created.account().id()));
    }

    /**
     * Records the sign-in and opens a new session; stores {@code rehashed} (the same password hashed with the
     * current parameters) when the stored hash was weaker.
     */
    @WithTransaction
    public Uni<AccountSession> signIn(UUID userId, Optional<String> rehashed) {
        Instant now = Timestamps.now();
        return users.findById(userId)
                .onItem().ifNull().failWith(AuthProblems::accountDeleted)
                .invoke(user -> {
                    user.signedIn(now);
                    promoteIfListed(user, now);
                    rehashed.ifPresent(hash -> {
                        user.changePasswordHash(hash, now);
                        Log.infof("Rehashed the password of user %s with the current argon2 parameters", userId);
                    });
                })
                .chain(user -> sessions.open(userId).map(session -> new AccountSession(user.toAccount(), session)))
                .invoke(() -> Log.infof("User %s signed in", userId));
    }

    @WithSession
    public Uni<Optional<Account>> find(UUID id) {
        return users.findById(id).map(user -> Optional.ofNullable(user).map(User::toAccount));
    }

    /**
     * Changes the name and/or the password hash (each when present). A new password ends every session of the
     * user except {@code keepSession}, the caller's.
     */
    @WithTransaction
    public Uni<Account> update(UUID userId, Optional<String> name, Optional<String> passwordHash, UUID keepSession) {
        Instant now = Timestamps.now();
        return users.findById(userId)
                .onItem().ifNull().failWith(AuthProblems::accountDeleted)
                .chain(user -> {
                    name.ifPresent(newName -> user.rename(newName, now));
                    if (passwordHash.isEmpty()) {
                        return Uni.createFrom().item(user);
                    }
                    user.changePasswordHash(passwordHash.get(), now);
                    return sessions.revokeAllExcept(userId, keepSession).map(revoked -> {
                        Log.infof("User %s changed their password; %d refresh tokens of other sessions revoked",
                                userId, revoked);
                        return user;
                    });
                })
                .map(User::toAccount);
    }

    /**
     * Deletes the account (its sessions go with it, by foreign key) and writes {@code user.deleted} to the outbox
     * in the same transaction, so image-service and gallery-service delete the rest: jobs, credits, images, shares
     * and every stored object.
     */
    @WithTransaction
    public Uni<Void> delete(UUID userId) {
        return users.deleteById(userId).chain(deleted -> {
            if (!deleted) {
                return Uni.createFrom().failure(AuthProblems.accountDeleted());
            }
            return outbox.add(new UserDeleted(UUID.randomUUID(), UserDeleted.VERSION, Timestamps.now(), userId));
        }).invoke(() -> Log.infof("Deleted user %s; user.deleted queued for the other services", userId));
    }

    private void promoteIfListed(User user, Instant now) {
        if (adminEmails.contains(user.email()) && user.grantRole(User.ROLE_ADMIN, now)) {
            Log.infof("User %s is listed in atelier.auth.admin-emails: granted the admin role", user.id());
        }
    }

    private static Credentials credentialsOf(User user) {
        return new Credentials(user.id(), user.email(), user.name(), user.passwordHash());
    }

    public record Credentials(UUID userId, String email, String name, String passwordHash) {
        @Override
        public String toString() {
            return "Credentials[userId=" + userId + "]";
        }
    }
}
