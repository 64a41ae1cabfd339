package dev.atelier.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class OutboxSettingsTest {
    private static final OutboxSettings SETTINGS = OutboxSettings.of(100, Duration.ofSeconds(30), Duration.ofDays(7));

    @Test
    void byDefaultTheTableIsOutboxAndRowsArePipelined() {
        assertEquals("outbox", SETTINGS.table());
        assertFalse(SETTINGS.strictOrder());
    }

    @Test
    void strictOrderNamesItsLock() {
        OutboxSettings strict = SETTINGS.inStrictOrder("auth-outbox-relay");
        assertTrue(strict.strictOrder());
        assertEquals("auth-outbox-relay", strict.strictOrderLock());
        assertEquals(SETTINGS.batchSize(), strict.batchSize());
    }

    @Test
    void onlyAPlainTableNameIsAccepted() {
        assertEquals("events.outbox", SETTINGS.inTable("events.outbox").table());
        assertThrows(IllegalArgumentException.class, () -> SETTINGS.inTable("outbox; drop table users"));
        assertThrows(IllegalArgumentException.class, () -> SETTINGS.inTable("\"Outbox\""));
    }

    @Test
    void nonsensicalNumbersAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> OutboxSettings.of(0, Duration.ofSeconds(1), Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> OutboxSettings.of(1, Duration.ZERO, Duration.ZERO));
        assertThrows(IllegalArgumentException.class,
                () -> OutboxSettings.of(1, Duration.ofSeconds(1), Duration.ofSeconds(-1)));
    }
}
