package dev.atelier.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import dev.atelier.bench.report.ResultsFile;
import dev.atelier.bench.report.ScenarioResult;
import dev.atelier.bench.report.Table;
import dev.atelier.launcher.Service;
import dev.atelier.launcher.Stack;
import dev.atelier.launcher.StackPorts;

/**
 * {@code ./atelier bench}: arguments {@code <projectRoot> [scenario ...] [options]}. Starts its own stack on free ports
 * with a throwaway state folder under {@code bench/target} (a running {@code ./atelier start} is not disturbed),
 * runs the scenarios, prints a table per scenario and writes {@code bench/results/<scenario>.json}. Exits 1 when a
 * scenario errored (requests failed, wrong answers); missed goals are reported, not fatal.
 */
public final class Main {
    private static final int USAGE_ERROR = 2;

    private Main() {
    }

    public static void main(String[] args) throws IOException {
        PrintStream out = System.out;
        if (args.length < 1) {
            System.err.print(Options.USAGE + Scenarios.describe());
            System.exit(USAGE_ERROR);
        }
        if (java.util.Arrays.asList(args).contains("--help")) {
            out.print(Options.USAGE + Scenarios.describe());
            System.exit(0);
        }
        Path root = Path.of(args[0]).toAbsolutePath().normalize();
        Options options;
        List<Scenario> scenarios;
        try {
            options = Options.parse(java.util.Arrays.copyOfRange(args, 1, args.length));
            scenarios = Scenarios.resolve(options.scenarios());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(Options.USAGE + Scenarios.describe());
            System.exit(USAGE_ERROR);
            return;
        }
        Path state = Files.createDirectories(root.resolve("bench/target"))
                .resolve("stack-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Path results = root.resolve("bench/results");
        Instant startedAt = Instant.now();
        out.printf("Benchmark %s on %d cores, Java %s; stack state in %s%n", options.scenarios(),
                Runtime.getRuntime().availableProcessors(), Runtime.version(), root.relativize(state));

        AtomicReference<Stack> running = new AtomicReference<>();
        Thread stopper = new Thread(() -> {
            Stack stack = running.getAndSet(null);
            if (stack != null) {
                stack.close();
            }
        }, "bench-stop");
        Runtime.getRuntime().addShutdownHook(stopper);

        boolean errored = false;
        Map<Service, Map<String, String>> stackConfig = Scenarios.stackConfig(scenarios);
        stackConfig.forEach((service, config) -> out.printf("%s started with %s%n", service.module(), config));
        StackPorts ports = StackPorts.free();
        Stack stack = Stack.start(root, state, ports, false, out, stackConfig);
        running.set(stack);
        try (BenchContext context = new BenchContext(options, root, stack, ports, out)) {
            for (Scenario scenario : scenarios) {
                ScenarioResult result = new ScenarioResult(scenario.name());
                long started = System.nanoTime();
                String loadBefore = loadAverage();
                out.printf("%n== %s: %s%n", scenario.name(), scenario.description());
                try {
                    scenario.run(context, result);
                } catch (Exception e) {
                    result.error(e.getClass().getSimpleName() + ": " + e.getMessage());
                    e.printStackTrace(out);
                }
                result.setup("scenarioSeconds", Math.round((System.nanoTime() - started) / 1e9));
                // The machine is shared: how busy it was is part of every figure.
                result.setup("loadAverage", loadBefore + " → " + loadAverage());
                Table.print(result, out);
                Path file = ResultsFile.write(results, result, startedAt, run(options));
                out.println("written: " + root.relativize(file));
                errored |= result.errored();
            }
        } finally {
            Stack toStop = running.getAndSet(null);
            if (toStop != null) {
                out.println();
                out.println("Stopping the bench stack ...");
                toStop.close();
            }
        }
        if (options.keep()) {
            out.println("Kept " + state);
        } else if (errored) {
            // The logs explain the error; the data is large and useless.
            deleteTree(state.resolve("data"));
            out.println("Logs kept in " + state.resolve("logs"));
        } else {
            deleteTree(state);
        }
        System.exit(errored ? 1 : 0);
    }

    private static Map<String, Object> run(Options options) {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("cores", Runtime.getRuntime().availableProcessors());
        run.put("java", Runtime.version().toString());
        run.put("rate", options.rate());
        run.put("searchRate", options.searchRate());
        run.put("durationSeconds", options.duration().toMillis() / 1000.0);
        run.put("warmupSeconds", options.warmup().toMillis() / 1000.0);
        run.put("rows", options.rows());
        run.put("userRows", options.userRows());
        run.put("deepPage", options.deepPage());
        run.put("controlConnections", options.connections());
        run.put("rounds", options.rounds());
        run.put("submitRates", options.submitRates());
        run.put("pipelineRate", options.pipelineRate());
        run.put("users", options.users());
        run.put("maxInFlight", options.maxInFlight());
        run.put("signinRates", options.signinRates());
        run.put("accounts", options.accounts());
        run.put("signinBurstSeconds", options.signinBurst().toMillis() / 1000.0);
        run.put("scaleWorkers", options.scaleWorkers());
        run.put("scaleConcurrency", options.scaleConcurrency());
        return run;
    }

    /** The 1-minute load average, or "?" where /proc is not there. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e);
        }
    }
}
