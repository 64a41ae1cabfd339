package dev.atelier.image.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class PageCursorTest {

    @Test
    void aCursorRoundTripsToTheMicrosecond() {
        PageCursor cursor = new PageCursor(Instant.parse("2026-03-04T05:06:07.123456Z"), UUID.randomUUID());
        assertEquals(cursor, PageCursor.decode(cursor.encode()));
    }

    @Test
    void aCursorIsOpaqueUrlSafeText() {
        String encoded = new PageCursor(Instant.now(), UUID.randomUUID()).encode();
        assertEquals(encoded, encoded.replaceAll("[^A-Za-z0-9_-]", ""));
    }

    @Test
    void textThatIsNotACursorIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> PageCursor.decode("not a cursor"));
        assertThrows(IllegalArgumentException.class, () -> PageCursor.decode("aGVsbG8"));
        assertThrows(IllegalArgumentException.class, () -> PageCursor.decode(""));
    }
}
