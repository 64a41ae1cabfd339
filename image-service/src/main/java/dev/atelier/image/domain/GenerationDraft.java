package dev.atelier.image.domain;

import java.util.UUID;

/**
 * A validated request before defaults: {@code count}, {@code size}, {@code seed}, {@code provider}, {@code name}
 * and {@code emotion} may be null. With {@code fromImageId} (regenerate), {@code prompt} and {@code style} may be
 * null too: they come from the job that produced that image. {@code webhook} is the one-off URL told when the job
 * ends, already checked by {@link dev.atelier.image.service.WebhookUrlPolicy}, or null.
 */
public record GenerationDraft(
        String prompt,
        String style,
        Integer count,
        String size,
        String name,
        String emotion,
        Long seed,
        String provider,
        UUID fromImageId,
        String webhook) {
}
