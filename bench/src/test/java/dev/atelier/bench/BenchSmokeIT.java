package dev.atelier.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code ./atelier bench all} in its smoke form — the packaged harness, as a user runs it, on small data and for
 * seconds per line — so the harness cannot rot: every scenario must run to its figures without error. The figures
 * of such a run mean nothing and nothing is judged on them.
 */
class BenchSmokeIT {
    /** Small data, short lines, low rates (documented in bench/README.md, "Smoke"). */
    static final List<String> SMOKE = List.of("all", "--rows", "20000", "--user-rows", "5000", "--deep-page", "100",
            "--duration", "3", "--warmup", "1", "--rounds", "2", "--users", "10", "--accounts", "10",
            "--signin-burst", "2", "--submit-rates", "20", "--pipeline-rate", "10", "--signin-rates", "5",
            "--rate", "20", "--search-rate", "5", "--footprint-restarts", "1", "--footprint-requests", "20",
            "--scale-workers", "1,2");
    private static final Duration LIMIT = Duration.ofMinutes(20);

    @Test
    void everyScenarioRunsToItsFiguresWithoutError() throws Exception {
        Path root = Path.of(System.getProperty("atelier.root")).toAbsolutePath().normalize();
        Path target = root.resolve("bench/target");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g", "-cp",
                target.resolve("atelier-bench.jar") + File.pathSeparator + target.resolve("lib") + File.separator
                        + "*",
                Main.class.getName(), root.toString()));
        command.addAll(SMOKE);
        Path log = target.resolve("bench-smoke.log");
        Instant started = Instant.now();

        Process bench = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        boolean ended = bench.waitFor(LIMIT.toMinutes(), TimeUnit.MINUTES);
        if (!ended) {
            bench.destroy();
            bench.waitFor(1, TimeUnit.MINUTES);
        }

        String output = Files.readString(log);
        String tail = output.substring(Math.max(0, output.length() - 4000));
        assertTrue(ended, "the smoke run ended within " + LIMIT + "; its output ends with:\n" + tail);
        assertEquals(0, bench.exitValue(), "the smoke run's exit code; its output ends with:\n" + tail);
        ObjectMapper json = new ObjectMapper();
        for (String scenario : Scenarios.names()) {
            Path file = root.resolve("bench/results/" + scenario + ".json");
            assertTrue(Files.isRegularFile(file), scenario + " wrote its results");
            JsonNode result = json.readTree(file.toFile());
            assertTrue(!Instant.parse(result.path("startedAt").asText()).isBefore(started.minusSeconds(1)),
                    scenario + "'s results are from this run");
            assertEquals("ok", result.path("status").asText(), scenario + ": " + result.path("error"));
            assertTrue(result.path("measurements").size() + result.path("figures").size() > 0,
                    scenario + " measured something (load lines or figures)");
        }
        System.out.printf("bench smoke: %d scenarios in %d s (log: %s)%n", Scenarios.names().size(),
                Duration.between(started, Instant.now()).toSeconds(), root.relativize(log));
    }
}
