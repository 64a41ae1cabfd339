package dev.atelier.gallery.config;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Share links, {@code atelier.gallery.share.*}. */
@ConfigMapping(prefix = "atelier.gallery.share")
public interface ShareConfig {

    /** Shortest {@code expiresIn} a client may ask for. */
    @WithDefault("PT1M")
    @DurationMin(seconds = 1)
    Duration minExpiry();

    /** Longest {@code expiresIn} a client may ask for. */
    @WithDefault("P30D")
    @DurationMax(days = 365)
    Duration maxExpiry();

    /** {@code expiresIn} when the client gives none. */
    @WithDefault("P7D")
    Duration defaultExpiry();

    /** Random bytes in a share token; at least 16 (128 bits) so that tokens cannot be guessed. */
    @WithDefault("32")
    @Min(16)
    int tokenBytes();
}
