package dev.atelier.gallery.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class ListCursorTest {

    @ParameterizedTest
    @EnumSource(ListOrder.class)
    void encodedCursorDecodesToTheSamePositionInEveryOrder(ListOrder order) {
        Float score = order == ListOrder.RELEVANCE ? 0.7272727f : null;
        ListCursor cursor = new ListCursor(order, 0x1234_5678_9abc_def0L, score,
                Instant.parse("2026-11-23T10:15:30.123456Z"), UUID.randomUUID());

        assertEquals(cursor, ListCursor.decode(cursor.encode()).orElseThrow());
    }

    @Test
    void scoreRoundTripsBitForBit() {
        float score = Math.nextUp(0.6f);
        ListCursor cursor = new ListCursor(ListOrder.RELEVANCE, 1L, score, Instant.now(), UUID.randomUUID());

        assertEquals(Float.floatToIntBits(score),
                Float.floatToIntBits(ListCursor.decode(cursor.encode()).orElseThrow().score()));
    }

    @Test
    void positionIsKeptToTheMicrosecond() {
        ListCursor cursor = new ListCursor(ListOrder.OLDEST, 1L, null,
                Instant.parse("2026-11-23T10:15:30.123456789Z"), UUID.randomUUID());

        assertEquals(Instant.parse("2026-11-23T10:15:30.123456Z"),
                ListCursor.decode(cursor.encode()).orElseThrow().createdAt());
    }

    @Test
    void cursorIsUrlSafe() {
        String encoded = new ListCursor(ListOrder.RELEVANCE, -1L, 1f, Instant.now(), UUID.randomUUID()).encode();

        assertTrue(encoded.matches("[A-Za-z0-9_-]+"), encoded);
    }

    @Test
    void cursorOfTheFirstReleaseContinuesTheUnfilteredNewestList() {
        PageCursor old = new PageCursor(Instant.parse("2026-11-23T10:15:30.123456Z"), UUID.randomUUID());

        ListCursor cursor = ListCursor.decode(old.encode()).orElseThrow();

        assertEquals(new ListCursor(ListOrder.NEWEST, ImageFilter.NONE.fingerprint(ListOrder.NEWEST), null,
                old.createdAt(), old.id()), cursor);
    }

    @Test
    void scoreOnlyBelongsToRelevanceOrder() {
        assertThrows(IllegalArgumentException.class,
                () -> new ListCursor(ListOrder.NEWEST, 1L, 0.5f, Instant.now(), UUID.randomUUID()));
        assertThrows(IllegalArgumentException.class,
                () -> new ListCursor(ListOrder.RELEVANCE, 1L, null, Instant.now(), UUID.randomUUID()));
    }

    @ParameterizedTest
    @ValueSource(strings = { "garbage", "AAAA", "!!!", "", "AgAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" })
    void anythingElseIsNotACursor(String value) {
        assertTrue(ListCursor.decode(value).isEmpty(), value);
    }

    @Test
    void cursorWithAnUnknownOrderOrAScoreOutOfRangeIsNotACursor() {
        UUID id = UUID.randomUUID();
        assertTrue(ListCursor.decode(raw(3, null, 0, id)).isEmpty(), "order code 3");
        assertTrue(ListCursor.decode(raw(2, Float.NaN, 0, id)).isEmpty(), "NaN score");
        assertTrue(ListCursor.decode(raw(2, 1.5f, 0, id)).isEmpty(), "score above 1");
        assertTrue(ListCursor.decode(raw(0, 0.5f, 0, id)).isEmpty(), "score in newest order");
    }

    @Test
    void positionOutsideTheYearsPostgresqlCanCompareIsNotACursor() {
        assertTrue(ListCursor.decode(raw(0, null, Long.MIN_VALUE, UUID.randomUUID())).isEmpty());
        assertTrue(ListCursor.decode(raw(0, null, Long.MAX_VALUE, UUID.randomUUID())).isEmpty());
    }

    private static String raw(int order, Float score, long micros, UUID id) {
        ByteBuffer buffer = ByteBuffer.allocate(34 + (score == null ? 0 : 4)).put((byte) 2).put((byte) order)
                .putLong(42L).putLong(micros).putLong(id.getMostSignificantBits())
                .putLong(id.getLeastSignificantBits());
        if (score != null) {
            buffer.putFloat(score);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
    }
}
