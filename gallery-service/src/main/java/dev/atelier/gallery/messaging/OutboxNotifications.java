package dev.atelier.gallery.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.atelier.gallery.config.OutboxConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Kicks the {@link OutboxRelay} as soon as a transaction that wrote outbox rows commits, whichever code wrote them
 * and on whichever replica: {@link ImageEventOutbox} sends a NOTIFY in that transaction and PostgreSQL delivers it
 * to every listener on commit. Holds one pooled connection for the LISTEN; when it is lost it listens again after
 * {@code atelier.gallery.outbox.listen-retry}, and meanwhile the relay's sweep publishes.
 */
@ApplicationScoped
public class OutboxNotifications {
    private final Pool pool;
    private final Vertx vertx;
    private final OutboxRelay relay;
    private final OutboxConfig config;
    private volatile boolean running;
    private volatile SqlConnection listening;

    public OutboxNotifications(Pool pool, Vertx vertx, OutboxRelay relay, OutboxConfig config) {
        this.pool = pool;
        this.vertx = vertx;
        this.relay = relay;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        running = true;
        listen();
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        SqlConnection connection = listening;
        listening = null;
        if (connection != null) {
            release(connection);
        }
    }

    /** UNLISTEN before the connection goes back to the pool, so no other user of it receives notifications. */
    private static void release(SqlConnection connection) {
        connection.query("unlisten " + ImageEventOutbox.NOTIFY_CHANNEL).execute()
                .onTermination().call(connection::close)
                .subscribe().with(ignored -> { }, failure -> { });
    }

    private void listen() {
        pool.getConnection()
                .chain(connection -> {
                    PgConnection pg = PgConnection.cast(connection);
                    pg.notificationHandler(notification -> {
                        if (ImageEventOutbox.NOTIFY_CHANNEL.equals(notification.getChannel())) {
                            relay.kick();
                        }
                    });
                    pg.closeHandler(() -> lost(connection));
                    return connection.query("listen " + ImageEventOutbox.NOTIFY_CHANNEL).execute()
                            .onFailure().call(connection::close)
                            .replaceWith(connection);
                })
                .subscribe().with(connection -> {
                    if (!running) {
                        release(connection);
                        return;
                    }
                    listening = connection;
                    Log.infof("Listening for outbox commits on channel %s", ImageEventOutbox.NOTIFY_CHANNEL);
                    // Rows committed while nobody listened.
                    relay.kick();
                }, failure -> {
                    Log.warnf("Cannot listen for outbox commits (the sweep still publishes): %s", failure.toString());
                    retryLater();
                });
    }

    private void lost(SqlConnection connection) {
        if (listening != connection) {
            return;
        }
        listening = null;
        if (running) {
            Log.warnf("Lost the outbox notification connection; listening again in %s", config.listenRetry());
            retryLater();
        }
    }

    private void retryLater() {
        if (running) {
            vertx.setTimer(config.listenRetry().toMillis(), id -> {
                if (running) {
                    listen();
                }
            });
        }
    }
}
