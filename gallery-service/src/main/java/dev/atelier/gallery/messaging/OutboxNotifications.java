package dev.atelier.gallery.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.atelier.gallery.config.OutboxConfig;
import dev.atelier.outbox.OutboxListener;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Kicks the {@link OutboxRelay} as soon as a transaction that wrote outbox rows commits, whichever code wrote them
 * and on whichever replica: {@link ImageEventOutbox} sends a NOTIFY in that transaction and PostgreSQL delivers it
 * to every listener on commit. The shared {@link OutboxListener} holds one pooled connection for the LISTEN and
 * listens again {@code atelier.gallery.outbox.listen-retry} after losing it; meanwhile the relay's sweep publishes.
 */
@ApplicationScoped
public class OutboxNotifications {
    private final OutboxListener listener;

    public OutboxNotifications(Pool pool, Vertx vertx, OutboxRelay relay, OutboxConfig config) {
        this.listener = new OutboxListener(pool, vertx, ImageEventOutbox.NOTIFY_CHANNEL, config.listenRetry(),
                relay::kick);
    }

    void onStart(@Observes StartupEvent event) {
        listener.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        listener.stop();
    }
}
