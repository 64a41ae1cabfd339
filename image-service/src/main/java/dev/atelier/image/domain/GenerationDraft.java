package dev.atelier.image.domain;

/**
 * A validated request before defaults: {@code count}, {@code size}, {@code seed}, {@code provider}, {@code name}
 * and {@code emotion} may be null.
 */
public record GenerationDraft(
        String prompt,
        String style,
        Integer count,
        String size,
        String name,
        String emotion,
        Long seed,
        String provider) {
}
