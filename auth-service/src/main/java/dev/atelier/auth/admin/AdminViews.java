package dev.atelier.auth.admin;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.atelier.auth.domain.AdminAuditEntry;
import dev.atelier.auth.domain.User;

/** Request and response bodies of the admin API. */
final class AdminViews {
    static final int MAX_GRANT = 1_000_000;
    static final int REASON_MAX = 200;

    private AdminViews() {
    }

    @Schema(description = "An account as admins see it (never the password hash)")
    record UserView(UUID id, String email, String name, String tier, List<String> roles, Instant createdAt,
            Instant lastLoginAt) {
        static UserView of(User user) {
            var account = user.toAccount();
            return new UserView(account.id(), account.email(), account.name(), account.tier(), account.roles(),
                    account.createdAt(), user.lastLoginAt());
        }
    }

    @Schema(description = "A page of users, newest first; pass nextCursor as cursor for the next page")
    record UserPage(List<UserView> items, String nextCursor) {
    }

    @Schema(description = "The tier to move the user to")
    record TierChange(@NotBlank @Size(max = 50) @Schema(examples = "premium") String tier) {
    }

    @Schema(description = "Extra credits for the user's current period, with the reason shown in their usage log")
    record CreditGrant(
            @NotNull @Min(1) @Max(MAX_GRANT) @Schema(examples = "50") Integer amount,
            @NotBlank @Size(max = REASON_MAX) @Schema(examples = "Apology for the outage of 3 May") String reason) {
    }

    @Schema(description = "The grant, applied by image-service shortly after (once, whatever redeliveries happen)")
    record GrantReceipt(UUID grantId, UUID userId, int amount, String reason) {
    }

    @Schema(description = "One audited admin action")
    record AuditView(long id, UUID adminId, String action, UUID targetId, Map<String, Object> details,
            Instant createdAt) {
        static AuditView of(AdminAuditEntry entry) {
            return new AuditView(entry.id(), entry.adminId(), entry.action(), entry.targetId(), entry.details(),
                    entry.createdAt());
        }
    }

    @Schema(description = "A page of the audit log, newest first")
    record AuditPage(List<AuditView> items, String nextCursor) {
    }
}
