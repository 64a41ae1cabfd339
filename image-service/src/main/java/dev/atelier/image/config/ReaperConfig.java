package dev.atelier.image.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The reaper of stuck jobs, under {@code atelier.image.reaper}. */
@ConfigMapping(prefix = "atelier.image.reaper")
public interface ReaperConfig {

    /** How often the reaper looks for stuck jobs. */
    @WithDefault("30s")
    Duration interval();

    /**
     * A running job with no change for this long is taken as lost (its worker died). Must exceed the worker's
     * provider timeout times its retries, or a slow but healthy render is started again.
     */
    @WithDefault("10m")
    Duration lease();

    /** A job still queued after this long is queued again (its request may have been lost). */
    @WithDefault("30m")
    Duration queuedTimeout();

    /** Attempts a job gets in all; after the last one it fails with {@code timeout} and its credits go back. */
    @WithDefault("3")
    int maxAttempts();

    /** Jobs handled per reaper transaction. */
    @WithDefault("50")
    int batchSize();
}
