package dev.atelier.auth.admin;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.atelier.auth.config.AuthConfig;
import dev.atelier.auth.domain.AdminAuditEntry;
import dev.atelier.auth.domain.User;
import dev.atelier.auth.messaging.EventOutbox;
import dev.atelier.auth.repository.AdminAuditRepository;
import dev.atelier.auth.repository.UserRepository;
import dev.atelier.auth.service.Timestamps;
import dev.atelier.events.CreditsGranted;
import dev.atelier.events.TierChanged;
import dev.atelier.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * What admins can do: list users, move a user to another tier, grant credits. Each action writes its audit row and
 * its event (for image-service, which owns credits and limits) in the transaction of the change itself.
 */
@ApplicationScoped
public class AdminService {
    static final String ACTION_TIER_CHANGE = "tier-change";
    static final String ACTION_CREDIT_GRANT = "credit-grant";

    private final UserRepository users;
    private final AdminAuditRepository audit;
    private final EventOutbox outbox;
    private final List<String> tiers;

    public AdminService(UserRepository users, AdminAuditRepository audit, EventOutbox outbox, AuthConfig config) {
        this.users = users;
        this.audit = audit;
        this.outbox = outbox;
        this.tiers = List.copyOf(config.tiers());
    }

    @WithSession
    public Uni<List<User>> users(Instant beforeCreatedAt, UUID beforeId, String query, int limit) {
        return users.page(beforeCreatedAt, beforeId, query, limit);
    }

    @WithSession
    public Uni<User> user(UUID id) {
        return users.findById(id).onItem().ifNull().failWith(() -> ProblemException.notFound("User", id));
    }

    /** Moves the user to {@code tier}; a no-op (no event, no audit) when they are already on it. */
    @WithTransaction
    public Uni<User> changeTier(UUID adminId, UUID userId, String tier) {
        if (!tiers.contains(tier)) {
            throw ProblemException.invalidField("tier", "must be one of " + String.join(", ", tiers));
        }
        Instant now = Timestamps.now();
        return users.findById(userId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("User", userId))
                .call(user -> {
                    String previous = user.tier();
                    if (previous.equals(tier)) {
                        return Uni.createFrom().voidItem();
                    }
                    user.moveToTier(tier, now);
                    Log.infof("Admin %s moved user %s from tier %s to %s", adminId, userId, previous, tier);
                    return audit.persist(AdminAuditEntry.of(adminId, ACTION_TIER_CHANGE, userId,
                            Map.of("from", previous, "to", tier), now))
                            .chain(() -> outbox.add(new TierChanged(UUID.randomUUID(), TierChanged.VERSION, now,
                                    userId, tier, previous, adminId)));
                });
    }

    /** Grants {@code amount} credits; image-service applies it once per grant id. */
    @WithTransaction
    public Uni<UUID> grantCredits(UUID adminId, UUID userId, int amount, String reason) {
        Instant now = Timestamps.now();
        UUID grantId = UUID.randomUUID();
        return users.findById(userId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("User", userId))
                .call(user -> audit.persist(AdminAuditEntry.of(adminId, ACTION_CREDIT_GRANT, userId,
                        Map.of("amount", amount, "reason", reason, "grantId", grantId.toString()), now)))
                .call(user -> outbox.add(new CreditsGranted(grantId, CreditsGranted.VERSION, now, userId, amount,
                        reason, adminId)))
                .invoke(() -> Log.infof("Admin %s granted %d credits to user %s (grant %s)", adminId, amount, userId,
                        grantId))
                .replaceWith(grantId);
    }

    @WithSession
    public Uni<List<AdminAuditEntry>> audit(Long before, int limit) {
        return audit.page(before, limit);
    }
}
