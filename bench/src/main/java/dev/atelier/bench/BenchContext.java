package dev.atelier.bench;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.atelier.bench.load.Call;
import dev.atelier.bench.load.InFlightLimit;
import dev.atelier.bench.load.LoadDriver;
import dev.atelier.bench.load.Ticker;
import dev.atelier.infra.PostgresServer;
import dev.atelier.launcher.Service;
import dev.atelier.launcher.Stack;
import dev.atelier.launcher.StackPorts;

/** What scenarios share in one run: the stack, the API, the driver, database access and the seeded data sets. */
public final class BenchContext implements AutoCloseable {
    /** A request slower than this counts as an error; nothing healthy comes near it. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    /** A data set that scenarios share: built once per run, by the first scenario that needs it. */
    @FunctionalInterface
    public interface DatasetFactory<T> {
        T create(BenchContext context) throws Exception;
    }

    private final Options options;
    private final Path projectRoot;
    private final Stack stack;
    private final StackPorts ports;
    private final AtelierApi api;
    private final LoadDriver driver;
    private final PrintStream out;
    private final Map<Class<?>, Object> datasets = new HashMap<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();

    BenchContext(Options options, Path projectRoot, Stack stack, StackPorts ports, PrintStream out) {
        this.options = options;
        this.projectRoot = projectRoot;
        this.stack = stack;
        this.ports = ports;
        this.out = out;
        this.api = new AtelierApi(stack.url(), REQUEST_TIMEOUT);
        this.driver = new LoadDriver(Ticker.SYSTEM, REQUEST_TIMEOUT);
    }

    public Options options() {
        return options;
    }

    /** The checkout the stack's packaged apps come from ({@code <module>/target/quarkus-app}). */
    public Path projectRoot() {
        return projectRoot;
    }

    public Stack stack() {
        return stack;
    }

    public AtelierApi api() {
        return api;
    }

    public LoadDriver driver() {
        return driver;
    }

    /**
     * The public API of one service straight, without the gateway (its routes are the same): to tell what the
     * gateway hop costs.
     */
    public AtelierApi directApi(Service service) {
        return new AtelierApi(URI.create("http://localhost:" + ports.of(service)), REQUEST_TIMEOUT);
    }

    /** The port a service listens on. */
    public int port(Service service) {
        return ports.of(service);
    }

    /**
     * {@code call} with at most {@code --max-in-flight} calls in flight, like a client with that many connections;
     * a call that waits in the client longer than half the request timeout fails unsent.
     */
    public Call limited(Call call) {
        return new InFlightLimit(call, options.maxInFlight(), REQUEST_TIMEOUT.dividedBy(2), Ticker.SYSTEM);
    }

    public synchronized <T> T dataset(Class<T> type, DatasetFactory<T> factory) throws Exception {
        Object existing = datasets.get(type);
        if (existing == null) {
            existing = factory.create(this);
            datasets.put(type, existing);
        }
        return type.cast(existing);
    }

    public String jdbcUrl(String database) {
        return stack.infrastructure().postgres().jdbcUrl(database);
    }

    /** A connection of the bench's own (seeding, checks): the caller closes it. */
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), PostgresServer.USER, PostgresServer.PASSWORD);
    }

    /** Where the stack's Kafka listens, for the plain-client controls. */
    public String kafkaBootstrapServers() {
        return stack.infrastructure().kafka().bootstrapServers();
    }

    /** Closes {@code closeable} with the context (after every scenario of the run); returns it. */
    public synchronized <T extends AutoCloseable> T closeAtEnd(T closeable) {
        closeables.add(closeable);
        return closeable;
    }

    /** The control client for {@code database}, closed with the context. */
    public JdbcPool jdbcPool(String database) {
        JdbcPool pool = new JdbcPool("control-" + database, jdbcUrl(database), PostgresServer.USER,
                PostgresServer.PASSWORD, options.connections());
        return closeAtEnd(pool);
    }

    public void log(String format, Object... args) {
        out.printf(Locale.ROOT, "[bench] " + format + "%n", args);
    }

    @Override
    public void close() {
        for (AutoCloseable closeable : closeables) {
            try {
                closeable.close();
            } catch (Exception e) {
                out.println("could not close " + closeable + ": " + e);
            }
        }
    }
}
