package dev.atelier.worker.domain;

import java.util.Locale;
import java.util.Optional;

/** The four styles of DESIGN.md §1; the wire value is the lower-case name. */
public enum Style {
    REALISTIC, ARTISTIC, MINIMAL, VIBRANT;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Style> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (Style style : values()) {
            if (style.wireName().equals(value.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(style);
            }
        }
        return Optional.empty();
    }
}
