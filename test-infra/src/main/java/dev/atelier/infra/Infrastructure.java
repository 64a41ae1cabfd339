package dev.atelier.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * PostgreSQL, Kafka and S3, started together (concurrently) and stopped together. Used by the tests (throwaway,
 * free ports) and by the local launcher (persistent folder, fixed ports).
 */
public final class Infrastructure implements AutoCloseable {
    public static final String BUCKET = "atelier-images";
    /** Enough partitions for the largest expected worker count (DESIGN.md §3). */
    public static final int PARTITIONS = 12;
    private static final String THROWAWAY_PREFIX = "atelier-infra-";
    private static final String OWNER_FILE = "owner.pid";

    private final PostgresServer postgres;
    private final KafkaServer kafka;
    private final S3Server s3;
    private Path deleteOnClose;

    private Infrastructure(PostgresServer postgres, KafkaServer kafka, S3Server s3) {
        this.postgres = postgres;
        this.kafka = kafka;
        this.s3 = s3;
    }

    /** Ports to use; 0 picks a free one. */
    public record Ports(int postgres, int kafka, int kafkaController, int s3) {
        public static Ports free() {
            return new Ports(0, 0, 0, 0);
        }
    }

    public static Infrastructure start(Path dir, Ports ports, boolean durable) {
        int pgPort = orFree(ports.postgres());
        int kafkaPort = orFree(ports.kafka());
        int controllerPort = orFree(ports.kafkaController());
        int s3Port = orFree(ports.s3());
        var pg = CompletableFuture.supplyAsync(() -> PostgresServer.start(dir.resolve("postgres"), pgPort, durable));
        var kafka = CompletableFuture.supplyAsync(
                () -> KafkaServer.start(dir.resolve("kafka"), kafkaPort, controllerPort, PARTITIONS));
        var s3 = CompletableFuture.supplyAsync(() -> S3Server.start(dir.resolve("s3"), s3Port));
        try {
            CompletableFuture.allOf(pg, kafka, s3).join();
        } catch (RuntimeException e) {
            // Stop whatever did start before reporting the failure.
            for (var started : new CompletableFuture<?>[] { pg, kafka, s3 }) {
                started.thenAccept(server -> close((AutoCloseable) server));
            }
            throw e;
        }
        Infrastructure infrastructure = new Infrastructure(pg.join(), kafka.join(), s3.join());
        infrastructure.s3.createBucket(BUCKET);
        return infrastructure;
    }

    /** A throwaway set in a fresh temp folder, deleted on JVM exit. */
    public static Infrastructure startThrowaway() {
        try {
            sweepOrphans();
            Path dir = Files.createTempDirectory(THROWAWAY_PREFIX);
            Files.writeString(dir.resolve(OWNER_FILE), Long.toString(ProcessHandle.current().pid()));
            Infrastructure infrastructure = start(dir, Ports.free(), false);
            infrastructure.deleteOnClose = dir;
            return infrastructure;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Throwaway folders whose owning JVM died without cleaning up: stop their PostgreSQL and delete them. */
    private static void sweepOrphans() throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (var dirs = Files.newDirectoryStream(tmp, THROWAWAY_PREFIX + "*")) {
            for (Path dir : dirs) {
                Path owner = dir.resolve(OWNER_FILE);
                try {
                    long pid = Long.parseLong(Files.readString(owner).trim());
                    if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                        continue;
                    }
                } catch (IOException | NumberFormatException e) {
                    continue; // not ours, or still being created
                }
                PostgresServer.stopOrphan(dir.resolve("postgres").resolve("data"));
                deleteTree(dir);
            }
        }
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e);
        }
    }

    public PostgresServer postgres() {
        return postgres;
    }

    public KafkaServer kafka() {
        return kafka;
    }

    public S3Server s3() {
        return s3;
    }

    /**
     * The Quarkus configuration that points a service at this infrastructure, with {@code database} as its own
     * PostgreSQL database (created if missing); {@code null} for a service without a database.
     */
    public Map<String, String> quarkusConfig(String database) {
        return quarkusConfig(address(), database);
    }

    /** Where the three servers listen: enough for another class loader to use them (see {@link #quarkusConfig(String, String)}). */
    public String address() {
        return postgres.port() + "|" + kafka.bootstrapServers() + "|" + s3.endpoint();
    }

    /** The Quarkus configuration for the servers at {@code address} (from {@link #address()}). */
    public static Map<String, String> quarkusConfig(String address, String database) {
        String[] parts = address.split("\\|");
        Map<String, String> config = new LinkedHashMap<>();
        if (database != null) {
            config.putAll(datasourceConfig(Integer.parseInt(parts[0]), database));
        }
        config.put("kafka.bootstrap.servers", parts[1]);
        config.putAll(s3Config(parts[2]));
        return config;
    }

    /** The datasource settings for {@code database}, created if missing. */
    public Map<String, String> datasourceConfig(String database) {
        return datasourceConfig(postgres.port(), database);
    }

    private static Map<String, String> datasourceConfig(int port, String database) {
        PostgresServer.createDatabase(port, database);
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.datasource.reactive.url", "postgresql://127.0.0.1:" + port + "/" + database);
        config.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + port + "/" + database);
        config.put("quarkus.datasource.username", PostgresServer.USER);
        config.put("quarkus.datasource.password", PostgresServer.PASSWORD);
        return config;
    }

    public Map<String, String> kafkaConfig() {
        return Map.of("kafka.bootstrap.servers", kafka.bootstrapServers());
    }

    public Map<String, String> s3Config() {
        return s3Config(s3.endpoint());
    }

    private static Map<String, String> s3Config(String endpoint) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.s3.endpoint-override", endpoint);
        config.put("quarkus.s3.path-style-access", "true");
        config.put("quarkus.s3.aws.region", S3Server.REGION);
        config.put("quarkus.s3.aws.credentials.type", "static");
        config.put("quarkus.s3.aws.credentials.static-provider.access-key-id", S3Server.ACCESS_KEY);
        config.put("quarkus.s3.aws.credentials.static-provider.secret-access-key", S3Server.SECRET_KEY);
        return config;
    }

    @Override
    public void close() {
        close(s3);
        close(kafka);
        close(postgres);
        if (deleteOnClose != null) {
            deleteTree(deleteOnClose);
        }
    }

    private static void close(AutoCloseable server) {
        try {
            server.close();
        } catch (Exception e) {
            System.err.println("failed to stop " + server + ": " + e);
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int orFree(int port) {
        return port == 0 ? freePort() : port;
    }
}
