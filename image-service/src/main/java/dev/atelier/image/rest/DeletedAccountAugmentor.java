package dev.atelier.image.rest;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.atelier.image.repository.DeletedUserRepository;
import dev.atelier.image.service.AccountDeletedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;

/**
 * An access token stays valid for its lifetime after its user deleted the account: the identity of a user with a
 * tombstone ({@code deleted_users}) is refused, so every protected route answers 401 "Account deleted". A request
 * already past this check when the deletion commits is stopped by {@code AccountGuard} before it writes anything.
 */
@ApplicationScoped
public class DeletedAccountAugmentor implements SecurityIdentityAugmentor {
    private final DeletedUserRepository deletedUsers;

    public DeletedAccountAugmentor(DeletedUserRepository deletedUsers) {
        this.deletedUsers = deletedUsers;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Uni.createFrom().item(identity);
        }
        UUID userId;
        try {
            userId = UUID.fromString(jwt.getSubject());
        } catch (IllegalArgumentException | NullPointerException e) {
            // Not a user id: the resources refuse it (Caller).
            return Uni.createFrom().item(identity);
        }
        return deletedUsers.isDeleted(userId).map(deleted -> {
            if (deleted) {
                throw new AccountDeletedException(userId);
            }
            return identity;
        });
    }
}
