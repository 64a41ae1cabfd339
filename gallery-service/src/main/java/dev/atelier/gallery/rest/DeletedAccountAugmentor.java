package dev.atelier.gallery.rest;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.atelier.gallery.repository.DeletedAccountRepository;
import dev.atelier.gallery.service.AccountDeletedException;
import io.quarkus.logging.Log;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;

/**
 * Refuses the still-valid access token of a deleted account (up to 15 minutes after {@code user.deleted}): the
 * authentication fails with {@link AccountDeletedException}, so every authenticated route answers the same 401
 * "Account deleted" before it reads or writes anything, instead of an empty gallery on one route and a new upload
 * on another. One primary-key lookup per authenticated request.
 */
@ApplicationScoped
public class DeletedAccountAugmentor implements SecurityIdentityAugmentor {
    private final DeletedAccountRepository accounts;

    public DeletedAccountAugmentor(DeletedAccountRepository accounts) {
        this.accounts = accounts;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Uni.createFrom().item(identity);
        }
        UUID userId;
        try {
            userId = UUID.fromString(jwt.getSubject());
        } catch (IllegalArgumentException | NullPointerException notAUserId) {
            // Not one of our users' tokens: the routes refuse it themselves (Caller.userId).
            return Uni.createFrom().item(identity);
        }
        return accounts.isDeleted(userId).map(deleted -> {
            if (deleted) {
                Log.infof("refused a token of deleted account %s (jti %s)", userId, jwt.getTokenID());
                throw new AccountDeletedException(userId);
            }
            return identity;
        });
    }
}
