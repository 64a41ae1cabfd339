package dev.atelier.worker.domain;

import java.util.Locale;
import java.util.Optional;

/** The emotions of DESIGN.md §6. Anything else is treated as no emotion: it only tints the image. */
public enum Emotion {
    CALM, ENERGETIC, MYSTERIOUS, HOPEFUL, MELANCHOLIC;

    public static Optional<Emotion> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (Emotion emotion : values()) {
            if (emotion.name().equals(value.trim().toUpperCase(Locale.ROOT))) {
                return Optional.of(emotion);
            }
        }
        return Optional.empty();
    }
}
