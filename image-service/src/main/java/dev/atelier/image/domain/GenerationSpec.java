package dev.atelier.image.domain;

/**
 * What to render, after validation and defaults: every field is set except {@code name} and {@code emotion},
 * which stay optional.
 */
public record GenerationSpec(
        String prompt,
        String style,
        String size,
        int count,
        String name,
        String emotion,
        long seed,
        String provider) {
}
