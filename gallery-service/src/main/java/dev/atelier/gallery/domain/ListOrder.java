package dev.atelier.gallery.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The order of a gallery list; every order ends on {@code id} so that it is total and a keyset can resume it. */
public enum ListOrder {
    /** {@code created_at desc, id desc}. */
    NEWEST,
    /** {@code created_at asc, id asc}. */
    OLDEST,
    /** Only with a text search: similarity to {@code q} first, then as {@link #NEWEST}. */
    RELEVANCE;

    /** Every wire name, for messages: {@code newest, oldest, relevance}. */
    public static final String NAMES = Arrays.stream(values()).map(ListOrder::wireName)
            .collect(Collectors.joining(", "));

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ListOrder> fromWireName(String value) {
        String wanted = value.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(order -> order.wireName().equals(wanted)).findFirst();
    }
}
