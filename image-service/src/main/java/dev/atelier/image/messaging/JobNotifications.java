package dev.atelier.image.messaging;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.atelier.image.config.TrackingConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;

/**
 * The one {@code LISTEN job_events} connection of this instance. The {@code generation_jobs} trigger notifies at
 * every commit that changes a job's status or progress, whichever replica or code path made the change; this
 * class hands each notification to the listeners of that job. The connection is reopened whenever it is lost;
 * notifications sent meanwhile are gone, so every listener is told to re-read ({@link Listener#resync()}) each time
 * the LISTEN is in place again.
 */
@ApplicationScoped
public class JobNotifications {
    /** The channel the trigger of migration V3 notifies. */
    public static final String CHANNEL = "job_events";

    private final Vertx vertx;
    private final ObjectMapper mapper;
    private final TrackingConfig.Events config;
    private final PgConnectOptions options;
    private final ConcurrentHashMap<UUID, Set<Listener>> listeners = new ConcurrentHashMap<>();
    private final Set<Listener> everyJob = ConcurrentHashMap.newKeySet();
    private volatile PgSubscriber subscriber;
    private volatile boolean stopped;

    public JobNotifications(Vertx vertx, ObjectMapper mapper, TrackingConfig config,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.vertx = vertx;
        this.mapper = mapper;
        this.config = config.events();
        // The reactive URL may list several hosts; the first one is the primary the pool also starts with.
        PgConnectOptions connect = PgConnectOptions.fromUri(url.split(",")[0].trim());
        user.ifPresent(connect::setUser);
        password.ifPresent(connect::setPassword);
        this.options = connect;
    }

    /** What a listener hears about one job. Called on a Vert.x event loop: never block in it. */
    public interface Listener {
        /** A change of the job committed, with its event's seq and the job's new status. */
        void changed(long seq, String status);

        /** Notifications may have been missed (the connection was lost and is back): read the current state. */
        void resync();
    }

    /** Ends a {@link #listen(UUID, Listener)}. */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    /** Until the returned registration is closed, {@code listener} hears about {@code jobId}. */
    public Registration listen(UUID jobId, Listener listener) {
        listeners.computeIfAbsent(jobId, id -> ConcurrentHashMap.newKeySet()).add(listener);
        return () -> listeners.computeIfPresent(jobId, (id, set) -> {
            set.remove(listener);
            return set.isEmpty() ? null : set;
        });
    }

    /**
     * Until the returned registration is closed, {@code listener} hears about every job (e.g. to act as soon as any
     * job ends). Called on a Vert.x event loop: never block in it.
     */
    public Registration listenToAll(Listener listener) {
        everyJob.add(listener);
        return () -> everyJob.remove(listener);
    }

    /** Whether the LISTEN connection is up right now. */
    public boolean connected() {
        PgSubscriber current = subscriber;
        return current != null && current.actualConnection() != null;
    }

    void onStart(@Observes StartupEvent event) {
        long delay = Math.max(1, config.reconnectDelay().toMillis());
        PgSubscriber created = PgSubscriber.subscriber(vertx, options)
                // Never give up on a lost connection: try again every reconnect-delay.
                .reconnectPolicy(retries -> delay);
        created.channel(CHANNEL)
                .handler(this::onNotification)
                .subscribeHandler(ignored -> onListening());
        subscriber = created;
        connect(created, delay);
    }

    void onStop(@Observes ShutdownEvent event) {
        stopped = true;
        PgSubscriber current = subscriber;
        if (current != null) {
            current.close();
        }
    }

    /** The reconnect policy only covers a connection that was up; the first one is retried here. */
    private void connect(PgSubscriber target, long delay) {
        target.connect().onComplete(result -> {
            if (result.succeeded()) {
                return;
            }
            Log.warnf("LISTEN %s: could not connect (%s); retrying in %d ms", CHANNEL, result.cause().toString(),
                    delay);
            target.close();
            if (!stopped) {
                vertx.setTimer(delay, id -> {
                    if (!stopped) {
                        connect(target, delay);
                    }
                });
            }
        });
    }

    private void onListening() {
        Log.infof("LISTEN %s in place; %d job(s) followed re-read their events", CHANNEL, listeners.size());
        listeners.values().forEach(set -> set.forEach(Listener::resync));
        everyJob.forEach(Listener::resync);
    }

    private void onNotification(String payload) {
        Notification notification;
        try {
            notification = mapper.readValue(payload, Notification.class);
        } catch (JsonProcessingException e) {
            Log.warnf("Ignoring an unreadable %s notification: %s", CHANNEL, payload);
            return;
        }
        Set<Listener> interested = listeners.get(notification.jobId());
        if (interested != null) {
            interested.forEach(listener -> listener.changed(notification.seq(), notification.status()));
        }
        everyJob.forEach(listener -> listener.changed(notification.seq(), notification.status()));
    }

    /** The trigger's payload. */
    record Notification(UUID jobId, long seq, String status) {
    }
}
