package dev.atelier.auth.service;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.atelier.auth.domain.Account;
import dev.atelier.auth.domain.User;
import dev.atelier.auth.repository.UserRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/** Accounts in the database. Password hashing happens before these calls, outside their transactions. */
@ApplicationScoped
public class AccountService {
    private final UserRepository users;
    private final SessionService sessions;

    public AccountService(UserRepository users, SessionService sessions) {
        this.users = users;
        this.sessions = sessions;
    }

    /** What a sign-in needs to check a password; empty when no account has this email. */
    @WithSession
    public Uni<Optional<Credentials>> credentials(String email) {
        return users.findByEmail(email)
                .map(user -> Optional.ofNullable(user).map(u -> new Credentials(u.id(), u.passwordHash())));
    }

    /**
     * Creates the account and its first session in one transaction. A taken email fails with the unique
     * violation of {@code users_email_lower_key} when the transaction commits.
     */
    @WithTransaction
    public Uni<AccountSession> register(String name, String email, String passwordHash) {
        User user = User.register(email, name, passwordHash, Timestamps.now());
        return users.persist(user)
                .chain(users::flush)
                .chain(() -> sessions.open(user.id()))
                .map(refreshToken -> new AccountSession(user.toAccount(), refreshToken))
                .invoke(created -> Log.infof("Registered user %s", created.account().id()));
    }

    /** Records the sign-in and opens a new session. */
    @WithTransaction
    public Uni<AccountSession> signIn(UUID userId) {
        return users.findById(userId)
                .onItem().ifNull().failWith(() -> new IllegalStateException("User " + userId + " vanished"))
                .invoke(user -> user.signedIn(Timestamps.now()))
                .chain(user -> sessions.open(userId)
                        .map(refreshToken -> new AccountSession(user.toAccount(), refreshToken)))
                .invoke(() -> Log.infof("User %s signed in", userId));
    }

    @WithSession
    public Uni<Optional<Account>> find(UUID id) {
        return users.findById(id).map(user -> Optional.ofNullable(user).map(User::toAccount));
    }

    public record Credentials(UUID userId, String passwordHash) {
        @Override
        public String toString() {
            return "Credentials[userId=" + userId + "]";
        }
    }
}
