package dev.atelier.gallery.config;

import java.time.Duration;

import jakarta.validation.constraints.Positive;

import org.hibernate.validator.constraints.time.DurationMin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The outbox relay, {@code atelier.gallery.outbox.*}. */
@ConfigMapping(prefix = "atelier.gallery.outbox")
public interface OutboxConfig {

    /**
     * How often the relay looks for rows no notification announced (a missed NOTIFY, a crash right after a
     * commit). A committed outbox row normally goes out at once: its transaction notifies the relay.
     */
    @WithDefault("1s")
    @DurationMin(millis = 10)
    Duration sweepInterval();

    /** Rows locked and published per relay transaction. */
    @WithDefault("100")
    @Positive
    int batchSize();

    /** Longest wait for the broker's acknowledgement of one record before the batch stops. */
    @WithDefault("30s")
    @DurationMin(millis = 1)
    Duration sendTimeout();

    /** Published rows are deleted after this long. */
    @WithDefault("7d")
    Duration retention();

    /** How often published rows older than {@link #retention()} are deleted. */
    @WithDefault("1h")
    Duration purgeInterval();

    /** Wait before listening for commit notifications again after the listening connection was lost. */
    @WithDefault("5s")
    @DurationMin(millis = 10)
    Duration listenRetry();
}
