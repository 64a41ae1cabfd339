package dev.atelier.gallery.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PageCursorTest {

    @Test
    void encodedCursorDecodesToTheSamePosition() {
        PageCursor cursor = new PageCursor(Instant.parse("2026-11-23T10:15:30.123456Z"), UUID.randomUUID());

        assertEquals(cursor, PageCursor.decode(cursor.encode()).orElseThrow());
    }

    @Test
    void positionIsKeptToTheMicrosecondAsPostgresqlStoresIt() {
        PageCursor cursor = new PageCursor(Instant.parse("2026-11-23T10:15:30.123456789Z"), UUID.randomUUID());

        assertEquals(Instant.parse("2026-11-23T10:15:30.123456Z"), PageCursor.decode(cursor.encode()).orElseThrow()
                .createdAt());
    }

    @Test
    void instantsBeforeTheEpochRoundTrip() {
        PageCursor cursor = new PageCursor(Instant.parse("1969-12-31T23:59:59.999999Z"), UUID.randomUUID());

        assertEquals(cursor, PageCursor.decode(cursor.encode()).orElseThrow());
    }

    @Test
    void cursorIsUrlSafe() {
        String encoded = new PageCursor(Instant.now(), UUID.randomUUID()).encode();

        assertTrue(encoded.matches("[A-Za-z0-9_-]+"), encoded);
    }

    @ParameterizedTest
    @ValueSource(strings = { "garbage", "AAAA", "!!!", "", "AgAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" })
    void anythingElseIsNotACursor(String value) {
        assertTrue(PageCursor.decode(value).isEmpty(), value);
    }
}
