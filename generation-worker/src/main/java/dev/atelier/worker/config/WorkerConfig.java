package dev.atelier.worker.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Everything the worker can be tuned with, under {@code atelier.worker}. */
@ConfigMapping(prefix = "atelier.worker")
public interface WorkerConfig {

    /**
     * Jobs rendered at the same time: the size of the {@code render} worker pool, which
     * {@code smallrye.messaging.worker.render.max-concurrency} is set from.
     */
    @WithDefault("4")
    int concurrency();

    /**
     * How long a consumed record may stay unacknowledged before the consumer reports itself unhealthy (the
     * throttled commit strategy's limit). Must exceed the longest queue wait plus render.
     */
    @WithDefault("600000")
    long unprocessedRecordMaxAgeMs();

    /**
     * This worker's id in {@code provider.status} reports. Default: the host name and a random suffix, so two
     * workers on one host differ.
     */
    Optional<String> id();

    /** Provider used when a request names none. */
    @WithDefault("local")
    String defaultProvider();

    Image image();

    Storage storage();

    Local local();

    interface Image {
        /** Size ({@code WIDTHxHEIGHT}) used when a request names none. */
        @WithDefault("1024x1024")
        String defaultSize();

        /** Smallest accepted width or height in pixels. */
        @WithDefault("64")
        int minSide();

        /** Largest accepted width or height in pixels. */
        @WithDefault("2048")
        int maxSide();

        /** Most images one job may ask for. */
        @WithDefault("4")
        int maxCount();

        /** Longest side of the {@code thumb} variant in pixels (never upscaled). */
        @WithDefault("256")
        int thumbSide();

        /** Longest side of the {@code medium} variant, written only for images larger than that. */
        @WithDefault("1024")
        int mediumSide();
    }

    interface Storage {
        /** Bucket every image is written to. */
        @WithDefault("atelier-images")
        String bucket();

        /** Create the bucket at startup when it does not exist. */
        @WithDefault("true")
        boolean createBucket();

        /** Retries of a failed S3 write (on top of the SDK's own) before the job fails as storage_unavailable. */
        @WithDefault("3")
        int maxRetries();

        /** First delay between S3 retries; doubles on each retry. */
        @WithDefault("200ms")
        Duration retryDelay();

        /** Longest delay between S3 retries. */
        @WithDefault("2s")
        Duration maxRetryDelay();
    }

    interface Local {
        /** Model name the offline procedural provider reports. */
        @WithDefault("atelier-procedural-1")
        String model();
    }
}
