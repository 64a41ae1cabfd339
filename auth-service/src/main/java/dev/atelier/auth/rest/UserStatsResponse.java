package dev.atelier.auth.rest;

import java.time.Instant;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.atelier.auth.domain.CreditSnapshot;
import dev.atelier.auth.domain.UserStats;

/** {@code GET /users/me/stats}: what auth-service's projection knows of the caller's images and credits. */
@Schema(name = "UserStats", description = "The caller's figures, from events of gallery-service and image-service;"
        + " they can lag those services by the time an event takes to arrive")
public record UserStatsResponse(
        @Schema(description = "Images in the library, trashed ones included until they are deleted for good",
                examples = "3")
        long images,
        @Schema(description = "Bytes those images occupy in storage, every variant included", examples = "5242880")
        long storageBytes,
        @Schema(description = "Generation jobs ever submitted; 0 before the first credit event", examples = "7")
        long generations,
        @Schema(description = "The credit account; null before the first credit event", nullable = true)
        Credits credits,
        @Schema(description = "Images per style (only styles with images; without a style: \"none\")",
                examples = "{\"realistic\": 2, \"minimal\": 1}")
        Map<String, Long> byStyle,
        @Schema(description = "When these figures last changed; null before any event", nullable = true,
                examples = "2026-04-02T09:15:30.123456Z")
        Instant updatedAt) {

    @Schema(name = "UserStatsCredits", description = "The newest credit account snapshot")
    public record Credits(
            @Schema(examples = "free") String tier,
            @Schema(description = "Credits of the period", examples = "50") int total,
            @Schema(description = "Spent", examples = "12") int used,
            @Schema(description = "Reserved by jobs still running", examples = "2") int held,
            @Schema(description = "total - used - held", examples = "36") int remaining) {
    }

    static UserStatsResponse of(UserStats stats) {
        CreditSnapshot snapshot = stats.credits();
        Credits credits = snapshot == null ? null
                : new Credits(snapshot.tier(), snapshot.total(), snapshot.used(), snapshot.held(),
                        snapshot.remaining());
        return new UserStatsResponse(stats.images(), stats.storageBytes(),
                snapshot == null ? 0 : snapshot.generations(), credits, stats.byStyle(), stats.updatedAt());
    }
}
