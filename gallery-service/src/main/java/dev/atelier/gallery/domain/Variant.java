package dev.atelier.gallery.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.atelier.events.StorageKeys;

/** The stored renditions of an image (DESIGN.md §5), smallest first. */
public enum Variant {
    THUMB(StorageKeys.THUMB),
    MEDIUM(StorageKeys.MEDIUM),
    ORIGINAL(StorageKeys.ORIGINAL);

    /** Every wire name, for messages: {@code thumb, medium, original}. */
    public static final String NAMES = Arrays.stream(values()).map(Variant::wireName)
            .collect(Collectors.joining(", "));

    private final String wireName;

    Variant(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Variant> fromWireName(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String wanted = value.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(v -> v.wireName.equals(wanted)).findFirst();
    }
}
