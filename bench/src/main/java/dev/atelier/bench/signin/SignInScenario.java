package dev.atelier.bench.signin;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import dev.atelier.bench.AtelierApi;
import dev.atelier.bench.AtelierApi.Account;
import dev.atelier.bench.BenchContext;
import dev.atelier.bench.Options;
import dev.atelier.bench.Scenario;
import dev.atelier.bench.load.Call;
import dev.atelier.bench.load.LoadDriver.ClosedLine;
import dev.atelier.bench.load.LoadDriver.Line;
import dev.atelier.bench.load.Measurement;
import dev.atelier.bench.report.Figure;
import dev.atelier.bench.report.Ratio;
import dev.atelier.bench.report.ScenarioResult;
import dev.atelier.launcher.Service;

/**
 * Issue 8 scenario 5 (and issue 4's sign-in figures): {@code POST /api/v1/auth/signin} through the gateway with
 * correct passwords, many accounts in rotation, at fixed open-model rates and then at saturation (a closed loop with
 * two clients per core), next to what argon2id alone costs with the parameters auth-service stored: one verification
 * in this process on one thread, the same on every core, and the theoretical ceiling cores / one verification. Issue
 * 8 sets no goal for sign-in, so the scenario reports figures and ratios and judges nothing; any answer but 200
 * (429 included) is an error.
 */
public final class SignInScenario implements Scenario {
    static final String SIGN_IN = "/api/v1/auth/signin";
    static final int OK = 200;
    /** Saturation clients per core: one hashing, one on its way through HTTP and the database meanwhile. */
    static final int CLIENTS_PER_CORE = 2;
    static final String SATURATION = "sign-in (200), saturation";
    static final String ONE_VERIFY = "control: argon2id verify, one thread";
    private static final double MILLIS_PER_SECOND = 1000;

    @Override
    public String name() {
        return "signin";
    }

    @Override
    public String description() {
        return "POST /auth/signin at fixed rates and at saturation vs argon2id verified in-process (cores / hash)";
    }

    @Override
    public void run(BenchContext context, ScenarioResult result) throws Exception {
        Options options = context.options();
        int cores = Runtime.getRuntime().availableProcessors();
        int clients = cores * CLIENTS_PER_CORE;
        SignInAccounts accounts = context.dataset(SignInAccounts.class, SignInAccounts::signUp);
        result.setup("accounts", accounts.size())
                .setup("accountSignUpSeconds", round(accounts.signUpSeconds()))
                .setup("rates", options.signinRates())
                .setup("cores", cores)
                .setup("saturationClients", clients);
        parameters(context, accounts, result);

        AtelierApi api = context.api();
        // One sign-in first: a stack that refuses a correct password fails here, with the service's answer.
        HttpResponse<String> first = api.postAsync(SIGN_IN, accounts.nextSignInBody(), null).join();
        if (first.statusCode() != OK) {
            throw new IOException("a sign-in with a correct password answered " + first.statusCode() + ": "
                    + first.body());
        }

        Account sample = accounts.first();
        String hash = accounts.storedHash(sample);
        String parallel = "control: argon2id verify ×" + cores + " threads";
        long throttled = 0;
        try (Argon2Control oneThread = new Argon2Control(sample.password(), hash, 1);
                Argon2Control everyCore = new Argon2Control(sample.password(), hash, cores)) {
            for (double rate : options.signinRates()) {
                Answers answers = new Answers();
                String at = rate(rate) + "/s";
                List<Line> lines = List.of(
                        new Line(apiName(rate), answers.expecting(OK, "POST " + SIGN_IN,
                                context.limited(signInCall(api, accounts)))),
                        new Line(parallel + ", " + at, everyCore.call()));
                // Warm up apart, so that the answers counted are those of the measured requests.
                if (!options.warmup().isZero()) {
                    context.driver().constantRate(lines, rate, options.warmup(), Duration.ZERO, 1);
                }
                answers.reset();
                List<Measurement> measured = context.driver().constantRate(lines, rate, options.duration(),
                        Duration.ZERO, options.rounds());
                measured.forEach(result::add);
                result.ratio("sign-in / verify ×" + cores + " threads, " + at, measured.get(0), measured.get(1));
                result.setup("answers" + at, answers.snapshot());
                throttled += answers.of(Answers.TOO_MANY_REQUESTS);
            }

            // Saturation: more clients than cores keep auth-service's hashing pool busy; the controls interleave.
            Answers answers = new Answers();
            List<ClosedLine> closed = List.of(
                    new ClosedLine(new Line(SATURATION, answers.expecting(OK, "POST " + SIGN_IN,
                            signInCall(api, accounts))), clients),
                    new ClosedLine(new Line(parallel, everyCore.call()), cores),
                    new ClosedLine(new Line(ONE_VERIFY, oneThread.call()), 1));
            if (!options.warmup().isZero()) {
                context.driver().closedLoop(closed, options.warmup(), Duration.ZERO, 1);
            }
            answers.reset();
            List<Measurement> measured = context.driver().closedLoop(closed, options.signinBurst(), Duration.ZERO,
                    options.rounds());
            measured.forEach(result::add);
            result.setup("answersSaturation", answers.snapshot());
            throttled += answers.of(Answers.TOO_MANY_REQUESTS);
            figures(result, cores, measured.get(0), measured.get(1), measured.get(2));
        }
        result.setup("http429", throttled);
        notes(result, options, accounts, cores, throttled);
    }

    /** A sign-in of the next account with its correct password; completes with the response, whatever its status. */
    static Call signInCall(AtelierApi api, SignInAccounts accounts) {
        return () -> api.postAsync(SIGN_IN, accounts.nextSignInBody(), null);
    }

    static String apiName(double rate) {
        return "sign-in (200), " + rate(rate) + "/s";
    }

    /**
     * The argon2 parameters auth-service used, read from the hashes it stored for the accounts (they carry them), and
     * those its packaged application.properties configures; a difference is worth a note.
     */
    private static void parameters(BenchContext context, SignInAccounts accounts, ScenarioResult result)
            throws IOException {
        List<Argon2Parameters> stored = accounts.storedParameters();
        result.setup("argon2", String.join("; ", stored.stream().map(Argon2Parameters::describe).toList())
                + " (in the stored hashes)");
        Optional<Argon2Parameters> configured = configured(context.projectRoot());
        result.setup("argon2Configured", configured.map(p -> p.describe() + " (auth-service's application.properties)")
                .orElse("not in auth-service's application.properties (its defaults apply)"));
        if (configured.isPresent() && !stored.equals(List.of(configured.get()))) {
            result.note("the stored hashes' parameters differ from those auth-service's application.properties "
                    + "configures: the stack overrides them, or some hashes predate a change");
        }
        if (stored.stream().anyMatch(p -> !Argon2Parameters.ARGON2ID.equals(p.variant()))) {
            result.note("some stored hashes are not argon2id");
        }
    }

    /** {@code atelier.auth.argon2.*} in the packaged auth-service the stack runs; empty when not set there. */
    static Optional<Argon2Parameters> configured(Path projectRoot) throws IOException {
        Path app = projectRoot.resolve(Service.AUTH.module()).resolve("target/quarkus-app/app");
        if (!Files.isDirectory(app)) {
            return Optional.empty();
        }
        Optional<Path> jar;
        try (Stream<Path> files = Files.list(app)) {
            jar = files.filter(f -> f.getFileName().toString().startsWith(Service.AUTH.module())
                    && f.getFileName().toString().endsWith(".jar")).findFirst();
        }
        if (jar.isEmpty()) {
            return Optional.empty();
        }
        try (ZipFile zip = new ZipFile(jar.get().toFile())) {
            ZipEntry entry = zip.getEntry("application.properties");
            if (entry == null) {
                return Optional.empty();
            }
            Properties properties = new Properties();
            try (Reader reader = new InputStreamReader(zip.getInputStream(entry), StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
            return Argon2Parameters.configuredIn(properties);
        }
    }

    /** The ceiling cores / one verification, and how close the service and the in-process hashing come to it. */
    static void figures(ScenarioResult result, int cores, Measurement saturation, Measurement everyCore,
            Measurement oneVerify) {
        double ceiling = cores * MILLIS_PER_SECOND / oneVerify.meanMs();
        result.figure(new Figure("one argon2id verify, in-process", oneVerify.meanMs(), "ms", String.format(
                Locale.ROOT, "mean of %d on one thread (p50 %.1f ms)", oneVerify.requests(), oneVerify.p50Ms())));
        result.figure(new Figure("ceiling: cores / one verify", ceiling, "/s", String.format(Locale.ROOT,
                "%d cores / %.1f ms", cores, oneVerify.meanMs())));
        result.figure(new Figure("sign-in saturation throughput", saturation.achievedRate(), "/s", String.format(
                Locale.ROOT, "%d sign-ins in %.1f s by %s", saturation.requests(), saturation.seconds(),
                saturation.mode())));
        result.figure(new Figure("in-process verify throughput", everyCore.achievedRate(), "/s", String.format(
                Locale.ROOT, "%d verifications in %.1f s by %s", everyCore.requests(), everyCore.seconds(),
                everyCore.mode())));
        List<Measurement> rates = result.measurements().stream()
                .filter(m -> m.name().startsWith("sign-in (200), ") && m.targetRate() != null).toList();
        for (Measurement rate : rates) {
            result.ratio("sign-in " + rate(rate.targetRate()) + "/s / one verify", rate, oneVerify);
        }
        result.ratio(new Ratio("saturation / ceiling", saturation.name(), "ceiling", "rate",
                saturation.achievedRate() / ceiling));
        result.ratio(new Ratio("saturation / in-process ×" + cores + " threads", saturation.name(), everyCore.name(),
                "rate", saturation.achievedRate() / everyCore.achievedRate()));
        result.ratio(new Ratio("in-process ×" + cores + " threads / ceiling", everyCore.name(), "ceiling", "rate",
                everyCore.achievedRate() / ceiling));
    }

    private static void notes(ScenarioResult result, Options options, SignInAccounts accounts, int cores,
            long throttled) {
        result.note("issue 8 sets no goal for sign-in: these figures and ratios are informational (no PASS/FAIL)");
        result.note("each sign-in: POST " + SIGN_IN + " through the gateway with the correct password of the next of "
                + accounts.size() + " accounts in rotation; auth-service finds the user, verifies argon2id on its "
                + "hashing pool (atelier.auth.argon2.max-concurrency threads, by default its cores), stores a "
                + "refresh token and signs an RS256 access token; only 200 counts; rate lines keep at most "
                + options.maxInFlight() + " requests in flight, the saturation line " + cores * CLIENTS_PER_CORE
                + " clients (" + CLIENTS_PER_CORE + " per core) one request at a time each");
        result.note("controls: the same verification in the bench's JVM with password4j, against one account's "
                + "stored hash (Argon2Function.getInstanceFromHash, as auth-service verifies); 'one thread' is the "
                + "raw cost of a hash, '×" + cores + " threads' at a rate is the hashing alone under the same "
                + "arrivals, and closed ×" + cores + " its throughput with every core hashing; ceiling = cores / mean "
                + "of one verify; the bench, the stack and its infrastructure share the same cores");
        if (throttled > 0) {
            result.note(throttled + " sign-ins with correct passwords were answered 429 (throttled): counted as "
                    + "errors, not worked around; throttling should count failed sign-ins only");
        } else {
            result.note("no sign-in was throttled (no 429 among the answers)");
        }
    }

    private static String rate(double perSecond) {
        return perSecond == Math.rint(perSecond) ? Long.toString((long) perSecond)
                : String.format(Locale.ROOT, "%.1f", perSecond);
    }

    private static double round(double seconds) {
        return Math.round(seconds * 10) / 10.0;
    }
}
