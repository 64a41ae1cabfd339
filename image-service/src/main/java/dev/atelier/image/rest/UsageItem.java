package dev.atelier.image.rest;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.atelier.image.domain.UsageKind;
import dev.atelier.image.domain.UsageLog;

/**
 * One usage-log line: {@code balance} is what remained right after it. {@code reason} is an admin's reason for a
 * grant; a {@code tier-change} has the change of {@code total} as its amount (negative for a downgrade).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UsageItem(UUID id, UsageKind kind, int amount, UUID jobId, UUID imageId, int balance, String reason,
        Instant at) {

    static UsageItem of(UsageLog row) {
        return new UsageItem(row.getId(), row.getKind(), row.getAmount(), row.getJobId(), row.getImageId(),
                row.getBalance(), row.getReason(), row.getCreatedAt());
    }
}
