package dev.atelier.image.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.atelier.image.repository.DeletedUserRepository;
import dev.atelier.security.AccountDeletedException;
import io.smallrye.mutiny.Uni;

/**
 * Keeps a deleted user deleted. Every transaction that may create rows for a user (a submit, a cancel, opening the
 * credit account, a consumed download, image deletion, grant or tier change) first takes the user's lock shared and
 * then checks the tombstone; the deletion takes it exclusively. So a write that began before the deletion commits
 * before the deletion reads the user's rows (and they are deleted with the rest), and a write that comes after sees
 * the tombstone. The lock is taken before any row lock, so it adds no deadlock.
 * <p>
 * The worker's job events and the reaper need no guard: they only write for a job whose row they locked, and the
 * deletion locks the user's jobs before anything else, so they either finish first or find the job gone.
 */
@ApplicationScoped
public class AccountGuard {
    private final DeletedUserRepository deletedUsers;

    public AccountGuard(DeletedUserRepository deletedUsers) {
        this.deletedUsers = deletedUsers;
    }

    /** In the caller's transaction: fails with {@link AccountDeletedException} if the user was deleted. */
    public Uni<Void> requireActive(UUID userId) {
        return isDeleted(userId).chain(deleted -> deleted
                ? Uni.createFrom().failure(new AccountDeletedException(userId))
                : Uni.createFrom().voidItem());
    }

    /** In the caller's transaction: whether the user was deleted; if not, no deletion starts until it ends. */
    public Uni<Boolean> isDeleted(UUID userId) {
        // Two statements: the check must see a deletion that committed while this one waited for the lock.
        return deletedUsers.lockShared(userId).chain(() -> deletedUsers.isDeletedNow(userId));
    }
}
