package dev.atelier.auth.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.reactive.messaging.Channel;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.atelier.auth.config.AuthConfig;
import dev.atelier.events.Channels;
import dev.atelier.events.CreditsGranted;
import dev.atelier.events.TierChanged;
import dev.atelier.events.Topics;
import dev.atelier.events.UserDeleted;
import dev.atelier.outbox.OutboxPublishers;
import dev.atelier.outbox.OutboxRelay;
import dev.atelier.outbox.OutboxSettings;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Publishes auth-service's outbox ({@code user.deleted}, {@code user.tier-changed}, {@code credits.granted}) with the
 * shared {@link OutboxRelay}. The account deletion and the admin actions kick it after their commit; a scheduled
 * sweep publishes whatever a kick missed (a crash between commit and kick, the broker down for a while).
 */
@ApplicationScoped
public class AuthOutboxRelay {
    private final OutboxRelay relay;

    public AuthOutboxRelay(Pool pool, AuthConfig config, ObjectMapper mapper,
            @Channel(Channels.USER_DELETED) MutinyEmitter<UserDeleted> userDeleted,
            @Channel(Channels.TIER_CHANGED) MutinyEmitter<TierChanged> tierChanged,
            @Channel(Channels.CREDITS_GRANTED) MutinyEmitter<CreditsGranted> creditsGranted) {
        AuthConfig.Outbox outbox = config.outbox();
        this.relay = new OutboxRelay(pool,
                // Strict order (one replica relays at a time, row by row): the volume is small, and two admin changes
                // of one user must reach image-service in the order they were made.
                OutboxSettings.of(outbox.batchSize(), outbox.sendTimeout(), outbox.retention())
                        .inStrictOrder("auth-outbox-relay"),
                new OutboxPublishers(mapper)
                        .add(Topics.USER_DELETED, UserDeleted.class, userDeleted)
                        .add(Topics.TIER_CHANGED, TierChanged.class, tierChanged)
                        .add(Topics.CREDITS_GRANTED, CreditsGranted.class, creditsGranted)
                        .build());
    }

    /** Reactive Messaging connects emitters at startup with a higher priority than this default observer. */
    void onStart(@Observes StartupEvent event) {
        relay.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        relay.stop();
    }

    /** Publish what is pending, soon, without waiting; call after a commit that wrote outbox rows. */
    public void kick() {
        relay.kick();
    }

    @Scheduled(every = "${atelier.auth.outbox.sweep-interval:PT2S}", delayed = "${atelier.auth.outbox.sweep-interval:PT2S}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void sweep() {
        relay.kick();
    }

    @Scheduled(every = "${atelier.auth.outbox.purge-interval:PT1H}", delayed = "${atelier.auth.outbox.purge-interval:PT1H}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> purge() {
        return relay.purge().replaceWithVoid();
    }
}
