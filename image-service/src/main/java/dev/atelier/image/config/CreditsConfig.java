package dev.atelier.image.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Credit accounts and submit limits, under {@code atelier.image.credits}. */
@ConfigMapping(prefix = "atelier.image.credits")
public interface CreditsConfig {

    /** Tier of an account whose user's token names none (or one not configured). */
    @WithDefault("free")
    String defaultTier();

    /** Credits one download costs (reported by gallery-service); never more than the user has left. */
    @WithDefault("0")
    int downloadCost();

    /**
     * {@code Retry-After} of a submit refused for too many unfinished jobs: nobody knows when one finishes, so this
     * is a hint of a typical render time.
     */
    @WithDefault("15s")
    Duration busyRetryAfter();
}
