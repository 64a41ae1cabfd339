package dev.atelier.worker.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * What a provider renders: one image ({@code index} within its job) of a validated request. A provider must
 * give the same pixels for the same spec when it can (the local one always does).
 */
public record RenderSpec(String prompt, Style style, Optional<Emotion> emotion, long seed, int index, ImageSize size) {
    public RenderSpec {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(style, "style");
        Objects.requireNonNull(emotion, "emotion");
        Objects.requireNonNull(size, "size");
    }
}
