package dev.atelier.security;

import java.util.UUID;

import io.smallrye.mutiny.Uni;

/**
 * What a service knows of deleted accounts (its {@code deleted_users} tombstones, written on {@code user.deleted}).
 * A service that provides this bean gets {@link DeletedAccountAugmentor}: tokens of deleted accounts stop working
 * there at once instead of at their expiry.
 */
public interface DeletedAccounts {

    /** Whether the account was deleted; called outside any transaction, once per authenticated request. */
    Uni<Boolean> isDeleted(UUID userId);
}
