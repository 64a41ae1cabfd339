package dev.atelier.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.atelier.infra.Infrastructure;
import dev.atelier.infra.ServerProcess;

/**
 * The whole system on one machine: embedded PostgreSQL, Kafka and S3, then the four services and the gateway as
 * packaged Quarkus apps in their own JVMs (each dies with this one). Used by {@code ./atelier start} and by the
 * system tests.
 */
public final class Stack implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    /** The JVM options of every service's process (the benchmark starts its bare-JVM control with the same). */
    public static final List<String> SERVICE_JVM = List.of("-Xms32m", "-Xmx256m", "-XX:+UseSerialGC",
            "-Xss512k", "-XX:ReservedCodeCacheSize=64m", "-Djava.awt.headless=true");

    private final Infrastructure infrastructure;
    private final Map<Service, ServerProcess> processes;
    private final StackPorts ports;
    private final Path projectRoot;
    private final Path data;
    private final Path logs;
    private final Map<Service, Map<String, String>> extraConfig;
    private final List<Replica> replicas = new ArrayList<>();

    private Stack(Infrastructure infrastructure, Map<Service, ServerProcess> processes, StackPorts ports,
            Path projectRoot, Path stateDir, Map<Service, Map<String, String>> extraConfig) {
        this.infrastructure = infrastructure;
        this.processes = processes;
        this.ports = ports;
        this.projectRoot = projectRoot;
        this.data = stateDir.resolve("data");
        this.logs = stateDir.resolve("logs");
        this.extraConfig = extraConfig;
    }

    /**
     * @param projectRoot the checkout, whose modules hold the packaged apps ({@code <module>/target/quarkus-app})
     * @param stateDir where data and logs go ({@code data/}, {@code logs/}); reused across restarts
     * @param durable whether PostgreSQL syncs to disk (true for the local stack, false for throwaway tests)
     */
    public static Stack start(Path projectRoot, Path stateDir, StackPorts ports, boolean durable, PrintStream out) {
        return start(projectRoot, stateDir, ports, durable, out, Map.of());
    }

    /**
     * @param extraConfig per service, configuration added to (and overriding) what the stack sets, e.g. the
     *        benchmark's {@code instant} provider
     */
    public static Stack start(Path projectRoot, Path stateDir, StackPorts ports, boolean durable, PrintStream out,
            Map<Service, Map<String, String>> extraConfig) {
        for (Service service : Service.values()) {
            Path jar = runnerJar(projectRoot, service);
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("missing " + jar + ": build first (./mvnw package -DskipTests)");
            }
        }
        long started = System.nanoTime();
        out.println("Starting PostgreSQL, Kafka and S3 ...");
        Infrastructure infrastructure = Infrastructure.start(stateDir.resolve("data"), ports.infrastructure(), durable);
        out.printf("Infrastructure ready in %.1f s%n", (System.nanoTime() - started) / 1e9);
        Map<Service, ServerProcess> processes = new EnumMap<>(Service.class);
        Stack stack = new Stack(infrastructure, processes, ports, projectRoot, stateDir, Map.copyOf(extraConfig));
        try {
            for (Service service : Service.values()) {
                out.printf("Starting %s on port %d ...%n", service.module(), ports.of(service));
                processes.put(service, stack.launch(service));
            }
            // Services start concurrently; wait until every one reports ready.
            CompletableFuture.allOf(processes.entrySet().stream()
                    .map(e -> CompletableFuture.runAsync(() -> stack.awaitReady(e.getKey(), e.getValue())))
                    .toArray(CompletableFuture[]::new)).join();
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
        out.printf("All services ready in %.1f s%n", (System.nanoTime() - started) / 1e9);
        return stack;
    }

    /** The public entry: the gateway. */
    public URI url() {
        return URI.create("http://localhost:" + ports.of(Service.GATEWAY));
    }

    public Infrastructure infrastructure() {
        return infrastructure;
    }

    public synchronized Map<Service, Long> pids() {
        Map<Service, Long> pids = new EnumMap<>(Service.class);
        processes.forEach((service, process) -> pids.put(service, process.pid()));
        return pids;
    }

    /** Kills one service's process at once (SIGKILL), as a crash would. */
    public synchronized void kill(Service service) {
        processes.get(service).kill();
    }

    /** Starts a service again (after {@link #kill}) with the same configuration and waits until it is ready. */
    public void restart(Service service) {
        ServerProcess process;
        synchronized (this) {
            processes.get(service).close();
            process = launch(service);
            processes.put(service, process);
        }
        awaitReady(service, process);
    }

    /**
     * Stops a service and starts it again with the same configuration, without waiting: returns the new process's
     * pid as soon as it is started (the benchmark times its start-up from here). Follow with {@link #awaitReady}.
     */
    public synchronized long relaunch(Service service) {
        processes.get(service).close();
        ServerProcess process = launch(service);
        processes.put(service, process);
        return process.pid();
    }

    /** Waits until a service's current process reports ready. */
    public void awaitReady(Service service) {
        ServerProcess process;
        synchronized (this) {
            process = processes.get(service);
        }
        awaitReady(service, process);
    }

    /** The log file of a service (appended to by each of its processes). */
    public synchronized Path log(Service service) {
        return processes.get(service).log();
    }

    /**
     * Stops one service's process gracefully (SIGTERM, so it drains and leaves its consumer groups); {@link #restart}
     * starts it again. The benchmark stops the worker while it runs replicas configured otherwise.
     */
    public synchronized void stop(Service service) {
        processes.get(service).close();
    }

    /**
     * One more process of {@code service} beside the stack's own: the same configuration (so a worker joins the
     * same consumer group and Kafka shares the partitions out), its own HTTP port and log
     * ({@code <module>-<index>.log}), and {@code overrides} on top. Waits until it is ready; closed with the stack,
     * or earlier with {@link Replica#close()}.
     *
     * @param index names the replica (its log); 1 is the stack's own process, so replicas start at 2
     */
    public Replica startReplica(Service service, int index, Map<String, String> overrides) {
        String name = replicaName(service, index);
        int port = Infrastructure.freePort();
        Map<String, String> config = replicaConfig(configOf(service), port, overrides);
        ServerProcess process = launch(name, service, config);
        Replica replica = new Replica(name, port, process);
        synchronized (this) {
            replicas.add(replica);
        }
        awaitReady(port, process);
        return replica;
    }

    /** A replica's process name (and log file name): the module with its index, e.g. {@code generation-worker-2}. */
    static String replicaName(Service service, int index) {
        if (index < 2) {
            throw new IllegalArgumentException("replica indexes start at 2 (1 is the stack's own process): " + index);
        }
        return service.module() + "-" + index;
    }

    /** The service's configuration on another HTTP port with {@code overrides} on top (later keys win). */
    static Map<String, String> replicaConfig(Map<String, String> base, int port, Map<String, String> overrides) {
        Map<String, String> config = new LinkedHashMap<>(base);
        config.put("quarkus.http.port", Integer.toString(port));
        config.putAll(overrides);
        return config;
    }

    /** An extra process of a service, started by {@link #startReplica}. */
    public static final class Replica implements AutoCloseable {
        private final String name;
        private final int port;
        private final ServerProcess process;

        private Replica(String name, int port, ServerProcess process) {
            this.name = name;
            this.port = port;
            this.process = process;
        }

        public String name() {
            return name;
        }

        public int port() {
            return port;
        }

        public long pid() {
            return process.pid();
        }

        public Path log() {
            return process.log();
        }

        /** Stops it gracefully (SIGTERM), as {@link Stack#stop} does. */
        @Override
        public void close() {
            process.close();
        }
    }

    private ServerProcess launch(Service service) {
        return launch(service.module(), service, configOf(service));
    }

    private ServerProcess launch(String name, Service service, Map<String, String> config) {
        List<String> jvm = new ArrayList<>(SERVICE_JVM);
        config.forEach((key, value) -> jvm.add("-D" + key + "=" + value));
        return ServerProcess.startJava(name, runnerJar(projectRoot, service).toString(), jvm,
                "io.quarkus.bootstrap.runner.QuarkusEntryPoint", List.of(), logs);
    }

    private Map<String, String> configOf(Service service) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.http.port", Integer.toString(ports.of(service)));
        if (service.database() != null) {
            config.putAll(infrastructure.datasourceConfig(service.database()));
        }
        String jwks = "http://127.0.0.1:" + ports.of(Service.AUTH) + "/.well-known/jwks.json";
        switch (service) {
            case AUTH -> {
                config.put("atelier.auth.key-dir", data.resolve("auth-keys").toString());
                config.putAll(infrastructure.kafkaConfig());
            }
            case IMAGE -> {
                config.putAll(infrastructure.kafkaConfig());
                config.put("mp.jwt.verify.publickey.location", jwks);
                // A local run: webhooks may go to receivers on this machine, over plain http; their signing secrets
                // are encrypted under a key kept with the data.
                config.put("atelier.image.webhooks.secret-key", webhookSecretKey());
                config.put("atelier.image.webhooks.allow-http", "true");
                config.put("atelier.image.webhooks.allowed-networks", "127.0.0.0/8,::1/128");
            }
            case GALLERY -> {
                config.putAll(infrastructure.kafkaConfig());
                config.putAll(infrastructure.s3Config());
                config.put("mp.jwt.verify.publickey.location", jwks);
            }
            case WORKER -> {
                config.putAll(infrastructure.kafkaConfig());
                config.putAll(infrastructure.s3Config());
            }
            case GATEWAY -> {
                config.put("atelier.gateway.routes.auth.target", local(Service.AUTH));
                config.put("atelier.gateway.routes.image.target", local(Service.IMAGE));
                config.put("atelier.gateway.routes.gallery.target", local(Service.GALLERY));
                // The web app shows images from presigned URLs of the local S3 server.
                config.put("atelier.gateway.web.image-sources",
                        infrastructure.s3Config().get("quarkus.s3.endpoint-override"));
            }
        }
        config.putAll(extraConfig.getOrDefault(service, Map.of()));
        return config;
    }

    /** The key encrypting webhook secrets in this data folder: made once, kept readable by its owner only. */
    private String webhookSecretKey() {
        Path file = data.resolve("webhook-secret.key");
        try {
            if (!Files.isRegularFile(file)) {
                byte[] key = new byte[32];
                new java.security.SecureRandom().nextBytes(key);
                Files.createDirectories(data);
                Files.writeString(file, java.util.Base64.getEncoder().encodeToString(key));
                try {
                    Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString(
                            "rw-------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system: the folder's own permissions apply
                }
            }
            return Files.readString(file).strip();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot keep the webhook secret key in " + file, e);
        }
    }

    private String local(Service service) {
        return "http://127.0.0.1:" + ports.of(service);
    }

    private void awaitReady(Service service, ServerProcess process) {
        awaitReady(ports.of(service), process);
    }

    private void awaitReady(int port, ServerProcess process) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        process.awaitReady(() -> {
            try {
                return http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }, READY_TIMEOUT);
    }

    private static Path runnerJar(Path projectRoot, Service service) {
        return projectRoot.resolve(service.module()).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /** Stops the gateway and services first (so they drain), then the infrastructure. */
    @Override
    public void close() {
        List<Replica> extra;
        synchronized (this) {
            extra = List.copyOf(replicas);
        }
        CompletableFuture.allOf(extra.stream().map(replica -> CompletableFuture.runAsync(replica::close))
                .toArray(CompletableFuture[]::new)).join();
        List<Service> reverse = new ArrayList<>(processes.keySet());
        java.util.Collections.reverse(reverse);
        CompletableFuture.allOf(reverse.stream().map(processes::get)
                .map(process -> CompletableFuture.runAsync(process::close)).toArray(CompletableFuture[]::new)).join();
        infrastructure.close();
    }

    static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
