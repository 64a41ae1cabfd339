package dev.atelier.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TargetTest {

    @Test
    void aFigureAtOrUnderAnUpperLimitPasses() {
        assertEquals(Target.Status.PASS, Target.atMost("p99 ≤ 10 ms", 10, 10, " ms").status());
        assertEquals(Target.Status.FAIL, Target.atMost("p99 ≤ 10 ms", 10.01, 10, " ms").status());
    }

    @Test
    void aFigureAtOrOverALowerLimitPasses() {
        assertEquals(Target.Status.PASS, Target.atLeast("≥ 3.6×", 3.6, 3.6, "×").status());
        assertEquals(Target.Status.FAIL, Target.atLeast("≥ 3.6×", 3.59, 3.6, "×").status());
    }

    @Test
    void aMissingFigureIsNeitherPassNorFail() {
        assertEquals(Target.Status.NA, Target.atMost("p99 ≤ 10 ms", Double.NaN, 10, " ms").status());
        assertEquals(Target.Status.NA, Target.notApplicable("search p99", "q ignored").status());
    }

    @Test
    void printsFiguresWithPrecisionByMagnitude() {
        assertEquals("7.81 ms", Target.atMost("x", 7.8123, 10, " ms").shown());
        assertEquals("12.4×", Target.atMost("x", 12.43, 2, "×").shown());
        assertEquals("250", Table.number(249.6));
        assertEquals("-", Table.number(Double.NaN));
    }
}
