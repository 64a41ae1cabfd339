package dev.atelier.bench.footprint;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Supplier;

import dev.atelier.bench.AtelierApi.Account;
import dev.atelier.bench.BenchContext;
import dev.atelier.bench.Scenario;
import dev.atelier.bench.report.Figure;
import dev.atelier.bench.report.Ratio;
import dev.atelier.bench.report.ScenarioResult;
import dev.atelier.bench.report.Table;
import dev.atelier.bench.report.Target;
import dev.atelier.infra.Infrastructure;
import dev.atelier.infra.ServerProcess;
import dev.atelier.launcher.Service;
import dev.atelier.launcher.Stack;

/**
 * Issue 8's {@code footprint}: each service's time from the start of its process to its first successful request,
 * and its resident memory after a warm-up. Every service is restarted in the running stack (infrastructure and the
 * other services up, as after a crash or a deploy), and timed from the moment its process was started to the first
 * 200 of a representative route, polled every 10 ms. The control is a bare JVM with the same options answering HTTP
 * with the JDK's server, started and warmed the same way in the same rounds: what the JVM alone costs on this
 * machine now.
 */
public final class FootprintScenario implements Scenario {
    static final Duration POLL = Duration.ofMillis(10);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
    private static final double FIRST_REQUEST_GOAL_S = 2;
    private static final double RSS_GOAL_MIB = 250;
    private static final String CONTROL = "bare JVM";

    /** What a client asks each service first: a real route where it has one. */
    private record Probe(String path, boolean authenticated) {
    }

    private static final Map<Service, Probe> PROBES = new EnumMap<>(Map.of(
            Service.AUTH, new Probe("/.well-known/jwks.json", false),
            Service.IMAGE, new Probe("/api/v1/generations", true),
            Service.GALLERY, new Probe("/api/v1/images", true),
            // The worker has no HTTP API: its readiness (Kafka and S3 checks) is what it serves.
            Service.WORKER, new Probe("/q/health/ready", false),
            // Through the gateway to gallery-service: the gateway's first proxied request.
            Service.GATEWAY, new Probe("/api/v1/images", true)));

    /** The figures of one start. */
    record Start(double firstRequestMs, double readyMs, ProcStatus memory, Optional<JvmMemory> jvm,
            OptionalDouble quarkusSeconds) {
    }

    /** Every start of one process kind. */
    static final class Starts {
        final Samples firstRequestMs = new Samples();
        final Samples readyMs = new Samples();
        final Samples rssMib = new Samples();
        final Samples hwmMib = new Samples();
        final Samples quarkusS = new Samples();
        final Samples threads = new Samples();
        final Samples heapCommittedMib = new Samples();
        final Samples heapUsedMib = new Samples();
        final Samples metaspaceMib = new Samples();

        void add(Start start) {
            firstRequestMs.add(start.firstRequestMs());
            readyMs.add(start.readyMs());
            rssMib.add(start.memory().rssMib());
            hwmMib.add(start.memory().hwmMib());
            start.quarkusSeconds().ifPresent(quarkusS::add);
            threads.add(start.memory().threads());
            start.jvm().ifPresent(jvm -> {
                heapCommittedMib.add(jvm.heapCommittedMib());
                heapUsedMib.add(jvm.heapUsedMib());
                metaspaceMib.add(jvm.metaspaceCommittedMib());
            });
        }
    }

    @Override
    public String name() {
        return "footprint";
    }

    @Override
    public String description() {
        return "each service restarted: start → first successful request, RSS after warm-up; control: a bare JVM";
    }

    @Override
    public void run(BenchContext context, ScenarioResult result) throws Exception {
        int restarts = context.options().footprintRestarts();
        int warmup = context.options().footprintRequests();
        Stack stack = context.stack();
        Account account = context.api().signUp("footprint");
        result.setup("restartsPerService", restarts).setup("warmupRequests", warmup)
                .setup("poll", POLL.toMillis() + " ms").setup("jvm", String.join(" ", Stack.SERVICE_JVM))
                .setup("loadBefore", load());
        Starts control = new Starts();
        Map<Service, Starts> services = new EnumMap<>(Service.class);
        Path logs = stack.log(Service.GATEWAY).getParent();
        try {
            for (int round = 1; round <= restarts; round++) {
                // A fresh token each round from auth-service straight (the gateway is restarted too).
                account = context.directApi(Service.AUTH).fresh(account);
                String bearer = account.bearer();
                Start bare = startControl(logs, warmup);
                control.add(bare);
                context.log("footprint round %d/%d: %s first request %.0f ms, RSS %.0f MiB", round, restarts,
                        CONTROL, bare.firstRequestMs(), bare.memory().rssMib());
                for (Service service : Service.values()) {
                    Start start = restartService(context, service, bearer, warmup);
                    services.computeIfAbsent(service, s -> new Starts()).add(start);
                    context.log("footprint round %d/%d: %s first request %.0f ms, RSS %.0f MiB", round, restarts,
                            service.module(), start.firstRequestMs(), start.memory().rssMib());
                }
            }
        } finally {
            // Leave the stack as found: every service up and ready (throws if one cannot be).
            for (Service service : Service.values()) {
                stack.awaitReady(service);
            }
        }
        result.setup("loadAfter", load());
        report(result, control, services);
    }

    private static void report(ScenarioResult result, Starts control, Map<Service, Starts> services) {
        addFigures(result, CONTROL, control, false);
        services.forEach((service, starts) -> addFigures(result, service.module(), starts, true));
        for (Map.Entry<Service, Starts> entry : services.entrySet()) {
            String name = entry.getKey().module() + " / " + CONTROL;
            Starts starts = entry.getValue();
            result.ratio(new Ratio(name, entry.getKey().module(), CONTROL, "first req",
                    Samples.ratio(starts.firstRequestMs.median(), control.firstRequestMs.median())));
            result.ratio(new Ratio(name, entry.getKey().module(), CONTROL, "RSS",
                    Samples.ratio(starts.rssMib.median(), control.rssMib.median())));
        }
        for (Map.Entry<Service, Starts> entry : services.entrySet()) {
            String module = entry.getKey().module();
            result.target(Target.atMost(module + " first request after start",
                    entry.getValue().firstRequestMs.median() / 1000, FIRST_REQUEST_GOAL_S, " s"));
            result.target(Target.atMost(module + " RSS after warm-up", entry.getValue().rssMib.median(),
                    RSS_GOAL_MIB, " MiB"));
        }
        result.note("first request: from the moment the process was started (ProcessBuilder.start returned) to the"
                + " first 200 of the route, polled every " + POLL.toMillis() + " ms; 'ready' the same for"
                + " /q/health/ready; 'Quarkus started in' is the service's own log line (main to ready, without the"
                + " JVM's start); RSS is VmRSS of /proc/<pid>/status after the warm-up requests, peak its VmHWM; heap and metaspace"
                + " (jstat -gc, read just after) show how much of the RSS is the Java heap");
        result.note("routes: " + PROBES.entrySet().stream()
                .map(e -> e.getKey().module() + " GET " + e.getValue().path()
                        + (e.getValue().authenticated() ? " (token)" : ""))
                .reduce((a, b) -> a + ", " + b).orElse("") + "; " + CONTROL + " GET / (JDK HttpServer)");
    }

    private static void addFigures(ScenarioResult result, String name, Starts starts, boolean quarkus) {
        result.figure(new Figure(name + " first request", starts.firstRequestMs.median(), " ms",
                starts.firstRequestMs.spread("ms")));
        result.figure(new Figure(name + " ready", starts.readyMs.median(), " ms", starts.readyMs.spread("ms")));
        if (quarkus && starts.quarkusS.count() > 0) {
            result.figure(new Figure(name + " Quarkus started in", starts.quarkusS.median() * 1000, " ms",
                    "its log line, " + starts.quarkusS.spread("s")));
        }
        result.figure(new Figure(name + " RSS", starts.rssMib.median(), " MiB", starts.rssMib.spread("MiB")));
        result.figure(new Figure(name + " RSS peak", starts.hwmMib.median(), " MiB", "VmHWM, "
                + starts.hwmMib.spread("MiB")));
        if (starts.heapCommittedMib.count() > 0) {
            result.figure(new Figure(name + " heap committed", starts.heapCommittedMib.median(), " MiB",
                    "jstat -gc, used " + Table.number(starts.heapUsedMib.median()) + " MiB"));
            result.figure(new Figure(name + " metaspace", starts.metaspaceMib.median(), " MiB",
                    "jstat -gc, committed"));
        }
        result.figure(new Figure(name + " threads", starts.threads.median(), "", "/proc/<pid>/status"));
    }

    private Start restartService(BenchContext context, Service service, String bearer, int warmup)
            throws Exception {
        Stack stack = context.stack();
        Path log = stack.log(service);
        long logBefore = Files.exists(log) ? Files.size(log) : 0;
        URI base = URI.create("http://127.0.0.1:" + context.port(service));
        Probe probe = PROBES.get(service);
        HttpRequest route = get(base.resolve(probe.path()), probe.authenticated() ? bearer : null);
        HttpRequest ready = get(base.resolve("/q/health/ready"), null);
        long pid = stack.relaunch(service);
        long started = System.nanoTime();
        Start start = measure(service.module(), started, route, ready, pid, warmup,
                () -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        stack.awaitReady(service);
        return new Start(start.firstRequestMs(), start.readyMs(), start.memory(), start.jvm(),
                QuarkusStarted.lastSeconds(tail(log, logBefore)));
    }

    private Start startControl(Path logs, int warmup) throws Exception {
        int port = Infrastructure.freePort();
        String classpath = Path.of(BareHttpServer.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        ServerProcess process = ServerProcess.startJava("footprint-control", classpath, Stack.SERVICE_JVM,
                BareHttpServer.class.getName(), List.of(Integer.toString(port)), logs);
        long started = System.nanoTime();
        try {
            HttpRequest root = get(URI.create("http://127.0.0.1:" + port + "/"), null);
            return measure(CONTROL, started, root, root, process.pid(), warmup, process::isAlive);
        } finally {
            process.close();
        }
    }

    /**
     * Polls {@code route} and {@code ready} every {@link #POLL} from {@code started} until each has answered 200,
     * then sends {@code warmup} more requests of the route one at a time and reads the process's memory.
     */
    private static Start measure(String name, long started, HttpRequest route, HttpRequest ready, long pid,
            int warmup, Supplier<Boolean> alive) throws Exception {
        // HTTP/1.1 like the rest of the bench (the JDK client otherwise offers an h2c upgrade on plain http).
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(REQUEST_TIMEOUT).build();
        long routeOk = -1;
        long readyOk = -1;
        long deadline = started + START_TIMEOUT.toNanos();
        while (routeOk < 0 || readyOk < 0) {
            if (routeOk < 0 && ok(http, route)) {
                routeOk = System.nanoTime();
            }
            if (readyOk < 0 && (route == ready ? routeOk >= 0 : ok(http, ready))) {
                readyOk = route == ready ? routeOk : System.nanoTime();
            }
            if (routeOk >= 0 && readyOk >= 0) {
                break;
            }
            if (!alive.get()) {
                throw new IllegalStateException(name + " exited while starting");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " answered no 200 within " + START_TIMEOUT);
            }
            Thread.sleep(POLL.toMillis());
        }
        for (int i = 0; i < warmup; i++) {
            HttpResponse<Void> answer = http.send(route, HttpResponse.BodyHandlers.discarding());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException(name + " answered " + answer.statusCode() + " to "
                        + route.uri() + " during the warm-up");
            }
        }
        ProcStatus memory = ProcStatus.read(pid);
        return new Start((routeOk - started) / 1e6, (readyOk - started) / 1e6, memory, JvmMemory.read(pid),
                OptionalDouble.empty());
    }

    private static boolean ok(HttpClient http, HttpRequest request) throws InterruptedException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    private static HttpRequest get(URI uri, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).GET();
        if (bearer != null) {
            request.header("Authorization", bearer);
        }
        return request.build();
    }

    private static String tail(Path log, long from) throws IOException {
        byte[] bytes = Files.readAllBytes(log);
        int start = (int) Math.min(from, bytes.length);
        return new String(bytes, start, bytes.length - start, StandardCharsets.ISO_8859_1);
    }

    private static String load() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return String.format(Locale.ROOT, "%s %s %s", parts[0], parts[1], parts[2]);
        } catch (IOException e) {
            return "unknown";
        }
    }

}
