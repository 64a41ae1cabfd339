package dev.atelier.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import dev.atelier.bench.load.Call;

/**
 * A plain JDBC client for the controls: a fixed set of threads, each with its own connection and prepared
 * statements (server-side after pgjdbc's prepare threshold, as the services' reactive client does). Calls queue
 * when every connection is busy, so an open-model control sees queueing exactly as the API would.
 */
public final class JdbcPool implements AutoCloseable {

    /** What one call does with its thread's connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Session session) throws SQLException;
    }

    /** One thread's connection and its prepared statements. */
    public static final class Session {
        private final Connection connection;
        private final Map<String, PreparedStatement> statements = new HashMap<>();

        Session(Connection connection) {
            this.connection = connection;
        }

        /** The thread's connection, e.g. for a control that commits its own transaction. */
        public Connection connection() {
            return connection;
        }

        public PreparedStatement prepare(String sql) throws SQLException {
            PreparedStatement statement = statements.get(sql);
            if (statement == null) {
                statement = connection.prepareStatement(sql);
                statements.put(sql, statement);
            }
            return statement;
        }
    }

    private final String url;
    private final String user;
    private final String password;
    private final ExecutorService threads;
    private final List<Connection> connections = new CopyOnWriteArrayList<>();
    private final ThreadLocal<Session> session = new ThreadLocal<>();

    public JdbcPool(String name, String url, String user, String password, int size) {
        this.url = url;
        this.user = user;
        this.password = password;
        AtomicInteger count = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(size, runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    public <T> CompletableFuture<T> submit(Work<T> work) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return work.run(session());
            } catch (SQLException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, threads);
    }

    public Call call(Work<?> work) {
        return () -> submit(work);
    }

    /** Runs {@code work} on a pool thread and waits for it. */
    public <T> T run(Work<T> work) throws SQLException {
        try {
            return submit(work).join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw e;
        }
    }

    private Session session() throws SQLException {
        Session current = session.get();
        if (current == null) {
            Connection connection = DriverManager.getConnection(url, user, password);
            connections.add(connection);
            current = new Session(connection);
            session.set(current);
        }
        return current;
    }

    @Override
    public void close() {
        threads.shutdownNow();
        for (Connection connection : connections) {
            try {
                connection.close();
            } catch (SQLException e) {
                System.err.println("could not close a control connection: " + e);
            }
        }
    }
}
