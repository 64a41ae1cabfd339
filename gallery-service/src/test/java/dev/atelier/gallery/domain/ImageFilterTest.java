package dev.atelier.gallery.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class ImageFilterTest {
    private static final ImageFilter SEA = new ImageFilter("sea", null, null, "artistic", null,
            List.of("summer", "beach"), true, Instant.parse("2026-01-01T00:00:00Z"), null);

    @Test
    void sameFilterAndOrderHaveTheSameFingerprint() {
        ImageFilter again = new ImageFilter("sea", null, null, "artistic", null, List.of("beach", "summer", "beach"),
                true, Instant.parse("2026-01-01T00:00:00Z"), null);

        assertEquals(SEA.fingerprint(ListOrder.RELEVANCE), again.fingerprint(ListOrder.RELEVANCE));
    }

    @Test
    void anyDifferenceChangesTheFingerprint() {
        long sea = SEA.fingerprint(ListOrder.NEWEST);

        assertNotEquals(sea, SEA.fingerprint(ListOrder.OLDEST));
        assertNotEquals(sea, new ImageFilter("see", null, null, "artistic", null, SEA.tags(), true, SEA.from(), null)
                .fingerprint(ListOrder.NEWEST));
        assertNotEquals(sea, new ImageFilter("sea", null, null, "artistic", null, List.of("summer"), true, SEA.from(),
                null).fingerprint(ListOrder.NEWEST));
        assertNotEquals(sea, new ImageFilter("sea", null, null, "artistic", null, SEA.tags(), false, SEA.from(), null)
                .fingerprint(ListOrder.NEWEST));
        // The same text in another field is another filter.
        assertNotEquals(sea, new ImageFilter(null, "sea", null, "artistic", null, SEA.tags(), true, SEA.from(), null)
                .fingerprint(ListOrder.NEWEST));
        assertNotEquals(sea, new ImageFilter("sea", null, null, "artistic", null, SEA.tags(), true, null, SEA.from())
                .fingerprint(ListOrder.NEWEST));
    }
}
