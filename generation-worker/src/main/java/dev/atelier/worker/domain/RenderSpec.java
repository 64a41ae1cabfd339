package dev.atelier.worker.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * What a provider renders: one image ({@code index} within its job) of a validated request. {@code guidance} and
 * {@code steps} come from the request's emotion parameters and are null when not set; a provider applies those it
 * supports. A provider must give the same pixels for the same spec when it can (the local one always does).
 */
public record RenderSpec(String prompt, Style style, Optional<Emotion> emotion, long seed, int index, ImageSize size,
        Double guidance, Integer steps) {
    public RenderSpec {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(style, "style");
        Objects.requireNonNull(emotion, "emotion");
        Objects.requireNonNull(size, "size");
    }

    public RenderSpec(String prompt, Style style, Optional<Emotion> emotion, long seed, int index, ImageSize size) {
        this(prompt, style, emotion, seed, index, size, null, null);
    }
}
