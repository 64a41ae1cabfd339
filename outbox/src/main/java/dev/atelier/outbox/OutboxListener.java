package dev.atelier.outbox;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Wakes the relay as soon as a transaction that wrote outbox rows commits, whichever code wrote them and on whichever
 * replica: the writer sends {@code NOTIFY <channel>} in its transaction ({@link #notifyStatement(String)}) and
 * PostgreSQL delivers it to every listener on commit, never on rollback. Holds one pooled connection for the LISTEN;
 * when that connection is lost it listens again after {@code retry}, and meanwhile the relay's sweep publishes.
 * {@code wake} (typically {@link OutboxRelay#kick()}) also runs each time listening starts, for the rows committed
 * while nobody listened.
 */
public class OutboxListener {
    private static final Logger LOG = Logger.getLogger(OutboxListener.class);
    /** The channel goes into the SQL text, so only a plain lower-case identifier is allowed. */
    private static final Pattern CHANNEL = Pattern.compile("[a-z_][a-z0-9_]*");

    private final Pool pool;
    private final Vertx vertx;
    private final String channel;
    private final Duration retry;
    private final Runnable wake;
    private volatile boolean running;
    private volatile SqlConnection listening;

    public OutboxListener(Pool pool, Vertx vertx, String channel, Duration retry, Runnable wake) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.channel = checked(channel);
        this.retry = Objects.requireNonNull(retry, "retry");
        this.wake = Objects.requireNonNull(wake, "wake");
    }

    /** What a writer runs in its transaction to announce its rows on {@code channel}. */
    public static String notifyStatement(String channel) {
        return "notify " + checked(channel);
    }

    public void start() {
        running = true;
        listen();
    }

    /** Gives the listening connection back to the pool (after an UNLISTEN); no retry after this. */
    public void stop() {
        running = false;
        SqlConnection connection = listening;
        listening = null;
        if (connection != null) {
            release(connection);
        }
    }

    /** UNLISTEN before the connection goes back to the pool, so no other user of it receives notifications. */
    private void release(SqlConnection connection) {
        connection.query("unlisten " + channel).execute()
                .onTermination().call(connection::close)
                .subscribe().with(ignored -> { }, failure -> { });
    }

    private void listen() {
        pool.getConnection()
                .chain(connection -> {
                    PgConnection pg = PgConnection.cast(connection);
                    pg.notificationHandler(notification -> {
                        if (channel.equals(notification.getChannel())) {
                            wake.run();
                        }
                    });
                    pg.closeHandler(() -> lost(connection));
                    return connection.query("listen " + channel).execute()
                            .onFailure().call(connection::close)
                            .replaceWith(connection);
                })
                .subscribe().with(connection -> {
                    if (!running) {
                        release(connection);
                        return;
                    }
                    listening = connection;
                    LOG.infof("Listening for outbox commits on channel %s", channel);
                    wake.run();
                }, failure -> {
                    LOG.warnf("Cannot listen for outbox commits on %s (the sweep still publishes): %s", channel,
                            failure);
                    retryLater();
                });
    }

    private void lost(SqlConnection connection) {
        if (listening != connection) {
            return;
        }
        listening = null;
        if (running) {
            LOG.warnf("Lost the connection listening on %s; listening again in %s", channel, retry);
            retryLater();
        }
    }

    private void retryLater() {
        if (running) {
            vertx.setTimer(Math.max(1, retry.toMillis()), id -> {
                if (running) {
                    listen();
                }
            });
        }
    }

    private static String checked(String channel) {
        if (channel == null || !CHANNEL.matcher(channel).matches()) {
            throw new IllegalArgumentException("not a plain lower-case channel name: " + channel);
        }
        return channel;
    }
}
