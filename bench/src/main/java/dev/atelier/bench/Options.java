package dev.atelier.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./atelier bench [scenario...] [--option value ...]}. Defaults are the full-size run of issue 8, sized for a
 * 2-core machine; a smoke run shrinks the data and the durations.
 */
public record Options(
        List<String> scenarios,
        double rate,
        double searchRate,
        Duration duration,
        Duration warmup,
        long rows,
        long userRows,
        int deepPage,
        int connections,
        int rounds,
        List<Double> submitRates,
        double pipelineRate,
        int users,
        int maxInFlight,
        List<Double> signinRates,
        int accounts,
        Duration signinBurst,
        int footprintRestarts,
        int footprintRequests,
        List<Integer> scaleWorkers,
        int scaleConcurrency,
        boolean keep) {

    /** Items per page: the API's default, which the gallery issue's page numbers assume. */
    public static final int PAGE_SIZE = 20;

    static final String USAGE = """
            usage: ./atelier bench [scenario ...|all] [options]
              --rate N           requests/s of the list measurements and their controls (default 100)
              --search-rate N    requests/s of the search measurements and their control (default 20)
              --duration S       seconds measured per line (default 15)
              --warmup S         seconds of discarded warm-up before each line (default 5)
              --rows N           images in the gallery database (default 1000000)
              --user-rows N      of which the bench user's (default 100000; must divide --rows)
              --deep-page N      the deep page of gallery-list, 20 items per page (default 2000)
              --connections N    JDBC connections of the SQL controls (default 4)
              --rounds N         slices each line is cut into, alternating with its controls (default 5)
              --submit-rates L   comma-separated submits/s of the submit scenario (default 50,200,500)
              --pipeline-rate N  jobs/s of the pipeline scenario (default 50)
              --users N          bench users the generation scenarios submit as, in rotation (default 50)
              --max-in-flight N  API calls of one line in flight at once, like a client's connections (default 256)
              --signin-rates L   comma-separated sign-ins/s of the signin scenario (default 5,10,20)
              --accounts N       accounts the signin scenario signs up and signs in as, in rotation (default 100)
              --signin-burst S   seconds of signin's closed-loop lines (saturation, argon2id controls; default 10)
              --footprint-restarts N   restarts of each service in the footprint scenario (default 3)
              --footprint-requests N   warm-up requests before footprint reads a process's RSS (default 200)
              --scale-workers L  comma-separated worker process counts of the scale scenario (default 1,2,4; 1 first)
              --scale-concurrency N  render slots of each worker in the scale scenario (default 1)
              --keep             keep the stack's state folder (bench/target/stack-*) after the run
            """;

    public static Options parse(String[] args) {
        List<String> scenarios = new ArrayList<>();
        double rate = 100;
        double searchRate = 20;
        Duration duration = Duration.ofSeconds(15);
        Duration warmup = Duration.ofSeconds(5);
        long rows = 1_000_000;
        long userRows = 100_000;
        int deepPage = 2000;
        int connections = 4;
        int rounds = 5;
        List<Double> submitRates = List.of(50.0, 200.0, 500.0);
        double pipelineRate = 50;
        int users = 50;
        int maxInFlight = 256;
        List<Double> signinRates = List.of(5.0, 10.0, 20.0);
        int accounts = 100;
        Duration signinBurst = Duration.ofSeconds(10);
        int footprintRestarts = 3;
        int footprintRequests = 200;
        List<Integer> scaleWorkers = List.of(1, 2, 4);
        int scaleConcurrency = 1;
        boolean keep = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                scenarios.add(arg);
                continue;
            }
            if (arg.equals("--keep")) {
                keep = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(arg + " needs a value");
            }
            String value = args[++i];
            switch (arg) {
                case "--rate" -> rate = positive(arg, Double.parseDouble(value));
                case "--search-rate" -> searchRate = positive(arg, Double.parseDouble(value));
                case "--duration" -> duration = seconds(arg, value);
                case "--warmup" -> warmup = Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
                case "--rows" -> rows = (long) positive(arg, Long.parseLong(value));
                case "--user-rows" -> userRows = (long) positive(arg, Long.parseLong(value));
                case "--deep-page" -> deepPage = (int) positive(arg, Integer.parseInt(value));
                case "--connections" -> connections = (int) positive(arg, Integer.parseInt(value));
                case "--rounds" -> rounds = (int) positive(arg, Integer.parseInt(value));
                case "--submit-rates" -> submitRates = rates(arg, value);
                case "--pipeline-rate" -> pipelineRate = positive(arg, Double.parseDouble(value));
                case "--users" -> users = (int) positive(arg, Integer.parseInt(value));
                case "--max-in-flight" -> maxInFlight = (int) positive(arg, Integer.parseInt(value));
                case "--signin-rates" -> signinRates = rates(arg, value);
                case "--accounts" -> accounts = (int) positive(arg, Integer.parseInt(value));
                case "--signin-burst" -> signinBurst = seconds(arg, value);
                case "--footprint-restarts" -> footprintRestarts = (int) positive(arg, Integer.parseInt(value));
                case "--footprint-requests" -> footprintRequests = (int) positive(arg, Integer.parseInt(value));
                case "--scale-workers" -> scaleWorkers = workerCounts(arg, value);
                case "--scale-concurrency" -> scaleConcurrency = (int) positive(arg, Integer.parseInt(value));
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        if (scenarios.isEmpty()) {
            scenarios.add("all");
        }
        if (userRows > rows || rows % userRows != 0) {
            throw new IllegalArgumentException("--user-rows must divide --rows (" + userRows + ", " + rows + ")");
        }
        if ((long) deepPage * PAGE_SIZE > userRows) {
            throw new IllegalArgumentException("--deep-page " + deepPage + " is past the user's " + userRows
                    + " images");
        }
        if (warmup.isNegative()) {
            throw new IllegalArgumentException("--warmup must not be negative");
        }
        return new Options(List.copyOf(scenarios), rate, searchRate, duration, warmup, rows, userRows, deepPage,
                connections, rounds, submitRates, pipelineRate, users, maxInFlight, signinRates, accounts, signinBurst,
                footprintRestarts, footprintRequests, scaleWorkers, scaleConcurrency, keep);
    }

    /** A comma-separated list of positive rates, each once, in the order given. */
    private static List<Double> rates(String option, String value) {
        List<Double> rates = new ArrayList<>();
        for (String part : value.split(",")) {
            double rate = positive(option, Double.parseDouble(part.strip()));
            if (rates.contains(rate)) {
                throw new IllegalArgumentException(option + " names " + part.strip() + " twice");
            }
            rates.add(rate);
        }
        return List.copyOf(rates);
    }

    /** Worker counts, each once, ascending; 1 must be among them: every count is compared with one worker. */
    private static List<Integer> workerCounts(String option, String value) {
        java.util.TreeSet<Integer> counts = new java.util.TreeSet<>();
        for (String part : value.split(",")) {
            int count = (int) positive(option, Integer.parseInt(part.strip()));
            if (!counts.add(count)) {
                throw new IllegalArgumentException(option + " names " + part.strip() + " twice");
            }
        }
        if (!counts.contains(1)) {
            throw new IllegalArgumentException(option + " must include 1: every count is compared with one worker");
        }
        return List.copyOf(counts);
    }

    private static double positive(String option, double value) {
        if (!(value > 0)) {
            throw new IllegalArgumentException(option + " must be positive");
        }
        return value;
    }

    private static Duration seconds(String option, String value) {
        return Duration.ofMillis(Math.round(positive(option, Double.parseDouble(value)) * 1000));
    }
}
