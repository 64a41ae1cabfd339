package dev.atelier.bench.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.atelier.bench.load.Measurement;

class TableTest {

    private static String print(ScenarioResult result) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Table.print(result, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static Measurement line(String name, double p50, double p99) {
        return new Measurement(name, "sequential", null, 10, 0, 1, 10, p50, p50, p99, p99, p99, p50, null);
    }

    @Test
    void ratiosOfPercentilesHaveAColumnEach() {
        ScenarioResult result = new ScenarioResult("x");
        result.ratio("api / control", line("api", 2, 8), line("control", 1, 2));

        String table = print(result);

        assertTrue(table.matches("(?s).*ratio +p50 +p99\\R.*"), table);
        assertTrue(table.matches("(?s).*api / control +2\\.00× +4\\.00×\\R.*"), table);
    }

    @Test
    void aRatioOfThroughputsGetsAColumnOfItsOwnAndDerivedFiguresSayHowTheyWereMade() {
        ScenarioResult result = new ScenarioResult("x");
        result.ratio("api / control", line("api", 2, 8), line("control", 1, 2));
        result.ratio(new Ratio("saturation / ceiling", "api", "ceiling", "rate", 0.8));
        result.figure(new Figure("ceiling: cores / one verify", 50, "/s", "2 cores / 40.0 ms"));

        String table = print(result);

        assertTrue(table.matches("(?s).*ratio +p50 +p99 +rate\\R.*"), table);
        assertTrue(table.matches("(?s).*saturation / ceiling {23} {11} {11} +0\\.80×\\R.*"), table);
        assertTrue(table.matches("(?s).*ceiling: cores / one verify +50\\.0/s   2 cores / 40\\.0 ms\\R.*"), table);
    }
}
