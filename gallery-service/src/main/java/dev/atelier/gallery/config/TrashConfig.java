package dev.atelier.gallery.config;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Positive;

import org.hibernate.validator.constraints.time.DurationMin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The trash and its purge, {@code atelier.gallery.trash.*}. */
@ConfigMapping(prefix = "atelier.gallery.trash")
public interface TrashConfig {

    /**
     * How long a trashed image can be restored. After that it is no longer listed nor restorable, and the purge
     * deletes it with its objects.
     */
    @WithDefault("P30D")
    @DurationMin(seconds = 1)
    Duration retention();

    /** How often the purge runs ({@code off} disables it on this replica). */
    @WithDefault("1h")
    String purgeInterval();

    /**
     * Rows claimed per purge transaction: their objects go in one S3 DeleteObjects request (at most 1000 keys,
     * three variants per image).
     */
    @WithDefault("100")
    @Positive
    @Max(333)
    int purgeBatchSize();
}
