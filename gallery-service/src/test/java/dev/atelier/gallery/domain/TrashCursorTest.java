package dev.atelier.gallery.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class TrashCursorTest {

    @Test
    void roundTripsToTheMicrosecond() {
        TrashCursor cursor = new TrashCursor(Instant.parse("2026-03-01T10:15:30.123456789Z"), UUID.randomUUID());

        TrashCursor decoded = TrashCursor.decode(cursor.encode()).orElseThrow();

        assertEquals(Instant.parse("2026-03-01T10:15:30.123456Z"), decoded.deletedAt());
        assertEquals(cursor.id(), decoded.id());
    }

    @Test
    void galleryCursorIsNotATrashCursor() {
        String gallery = new PageCursor(Instant.now(), UUID.randomUUID()).encode();

        assertTrue(TrashCursor.decode(gallery).isEmpty());
    }

    @Test
    void garbageIsNotACursor() {
        assertTrue(TrashCursor.decode("not base64!").isEmpty());
        assertTrue(TrashCursor.decode("AAAA").isEmpty());
    }
}
