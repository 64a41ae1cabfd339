package dev.atelier.security;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;

/**
 * Refuses the still-valid access token of a deleted account (up to its 15 minutes after {@code user.deleted}):
 * authentication fails with {@link AccountDeletedException}, so every authenticated route answers the same 401
 * "Account deleted" before it reads or writes anything. One lookup per authenticated request, in the service's
 * {@link DeletedAccounts}; without that bean (a service that keeps no tombstones) tokens pass unchanged. A request
 * already past this check when the deletion commits is the service's own guard's to stop.
 */
@ApplicationScoped
public class DeletedAccountAugmentor implements SecurityIdentityAugmentor {
    private static final Logger LOG = Logger.getLogger(DeletedAccountAugmentor.class);

    private final Instance<DeletedAccounts> accounts;

    public DeletedAccountAugmentor(Instance<DeletedAccounts> accounts) {
        this.accounts = accounts;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (!accounts.isResolvable() || identity.isAnonymous()
                || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Uni.createFrom().item(identity);
        }
        UUID userId;
        try {
            userId = UUID.fromString(jwt.getSubject());
        } catch (IllegalArgumentException | NullPointerException notAUserId) {
            // Not one of our users' tokens: the routes refuse it themselves.
            return Uni.createFrom().item(identity);
        }
        return accounts.get().isDeleted(userId).map(deleted -> {
            if (deleted) {
                LOG.infof("Refused a token of deleted account %s (jti %s)", userId, jwt.getTokenID());
                throw new AccountDeletedException(userId);
            }
            return identity;
        });
    }
}
