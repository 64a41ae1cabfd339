package dev.atelier.auth.messaging;

import java.time.Duration;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import dev.atelier.auth.config.StatsConfig;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * Retries applying a consumed record with doubling backoff ({@code atelier.auth.stats.*}) before the failure
 * reaches the connector, which sends the record to its dead-letter topic. An {@link InvalidEventException} is not
 * retried.
 */
@ApplicationScoped
class ConsumerRetries {
    private final StatsConfig config;
    private final Vertx vertx;

    ConsumerRetries(StatsConfig config, Vertx vertx) {
        this.config = config;
        this.vertx = vertx;
    }

    <T> Uni<T> apply(Supplier<Uni<T>> apply) {
        return attempt(apply, 0);
    }

    private <T> Uni<T> attempt(Supplier<Uni<T>> apply, int retry) {
        return Uni.createFrom().<T>deferred(apply::get)
                .onFailure(failure -> !(failure instanceof InvalidEventException) && retry < config.retries())
                .recoverWithUni(failure -> {
                    Duration delay = config.retryBackoff().multipliedBy(1L << retry);
                    Log.warnf("Applying an event failed (%s); retry %d in %s", failure.toString(), retry + 1, delay);
                    return delay(delay).chain(() -> attempt(apply, retry + 1));
                });
    }

    /** A Vert.x timer rather than Mutiny's executor: the retry must run on the record's Vert.x context. */
    private Uni<Void> delay(Duration delay) {
        return Uni.createFrom().emitter(emitter -> vertx.setTimer(Math.max(1, delay.toMillis()),
                id -> emitter.complete(null)));
    }
}
