package dev.atelier.image.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.atelier.problem.ProblemException;

class IdempotencyKeyHeaderTest {

    @Test
    void anAbsentHeaderIsNoKey() {
        assertNull(IdempotencyKeyHeader.parse(List.of()));
        assertNull(IdempotencyKeyHeader.parse((String) null));
    }

    @Test
    void printableAsciiUpTo255CharactersIsAKey() {
        assertEquals("a", IdempotencyKeyHeader.parse("a"));
        assertEquals("k".repeat(255), IdempotencyKeyHeader.parse("k".repeat(255)));
        assertEquals("order 42 / try ~1", IdempotencyKeyHeader.parse(" order 42 / try ~1 "));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "  ", "caf\u00e9", "a\tb", "a\u007fb", "\u00a0" })
    void anythingElseIsA400NamingTheHeader(String header) {
        ProblemException problem = assertThrows(ProblemException.class, () -> IdempotencyKeyHeader.parse(header));
        assertEquals(400, problem.status());
        assertEquals("Idempotency-Key", problem.errors().get(0).field());
    }

    @Test
    void twoKeysAreRefused() {
        ProblemException problem = assertThrows(ProblemException.class,
                () -> IdempotencyKeyHeader.parse(List.of("a", "b")));
        assertEquals("Idempotency-Key", problem.errors().get(0).field());
        assertEquals("a", IdempotencyKeyHeader.parse(List.of("a")));
    }

    @Test
    void aKeyOf256CharactersIsRefused() {
        assertThrows(ProblemException.class, () -> IdempotencyKeyHeader.parse("k".repeat(256)));
    }
}
