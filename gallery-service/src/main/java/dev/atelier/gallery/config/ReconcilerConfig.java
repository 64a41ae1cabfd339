package dev.atelier.gallery.config;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The storage reconciler, {@code atelier.gallery.reconciler.*}. */
@ConfigMapping(prefix = "atelier.gallery.reconciler")
public interface ReconcilerConfig {

    /** How often the bucket is compared with the rows ({@code off} disables it on this replica). */
    @WithDefault("24h")
    String interval();

    /** Delay of the first run after start-up. */
    @WithDefault("1h")
    String initialDelay();

    /** Delete objects that no row owns (older than {@link #grace()}); otherwise only report them. */
    @WithDefault("false")
    boolean remove();

    /**
     * Objects and rows younger than this are not judged: a generation or an upload writes its objects before its
     * row exists, and a row may be committed just before its objects are listed.
     */
    @WithDefault("24h")
    Duration grace();

    /** Keys per S3 list request (S3 returns at most 1000) and rows per database page. */
    @WithDefault("1000")
    @Positive
    @Max(1000)
    int pageSize();

    /** How many orphan keys and row ids a report names (the counts are always complete). */
    @WithDefault("100")
    @Min(0)
    int reportSample();
}
