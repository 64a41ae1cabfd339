package dev.atelier.auth.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The stats projection's consumers, under {@code atelier.auth.stats.*}. */
@ConfigMapping(prefix = "atelier.auth.stats")
public interface StatsConfig {

    /** Attempts after the first to apply a consumed event before it goes to its dead-letter topic. */
    @WithDefault("3")
    int retries();

    /** Delay before the first retry; doubles for each further one. */
    @WithDefault("200ms")
    Duration retryBackoff();
}
