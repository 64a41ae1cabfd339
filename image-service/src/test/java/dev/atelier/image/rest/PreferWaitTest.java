package dev.atelier.image.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.atelier.problem.ProblemException;

class PreferWaitTest {
    private static final int MAX = 60;

    @Test
    void waitIsReadAmongOtherPreferences() {
        assertEquals(Optional.of(10), parse("respond-async, wait=10"));
        assertEquals(Optional.of(5), parse("WAIT = \"5\""));
        assertEquals(Optional.of(7), parse("handling=lenient", "wait=7"));
    }

    @Test
    void noWaitOrAZeroWaitMeansNoWaiting() {
        assertEquals(Optional.empty(), PreferWait.parse(null, MAX));
        assertEquals(Optional.empty(), parse("respond-async"));
        assertEquals(Optional.empty(), parse("wait=0"));
    }

    @Test
    void aWaitAboveTheMaximumIsLoweredToIt() {
        assertEquals(Optional.of(MAX), parse("wait=61"));
        assertEquals(Optional.of(MAX), parse("wait=99999999999999999999"));
    }

    @Test
    void aMalformedWaitIsA400NamingTheHeader() {
        for (String bad : List.of("wait=abc", "wait=-1", "wait=1.5", "wait", "wait=")) {
            ProblemException e = assertThrows(ProblemException.class, () -> parse(bad), bad);
            assertEquals(400, e.status());
            assertEquals("Prefer", e.errors().get(0).field());
        }
    }

    private static Optional<Integer> parse(String... headers) {
        return PreferWait.parse(Arrays.asList(headers), MAX);
    }
}
