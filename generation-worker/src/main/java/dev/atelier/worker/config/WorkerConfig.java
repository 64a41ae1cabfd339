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
     * throttled commit strategy's limit). Checked at startup against the job's time bounds: see
     * {@link dev.atelier.worker.config.ProcessingBudget}.
     */
    @WithDefault("900000")
    long unprocessedRecordMaxAgeMs();

    /**
     * This worker's id in {@code provider.status} reports. Default: the host name and a random suffix, so two
     * workers on one host differ.
     */
    Optional<String> id();

    /**
     * Longest a job may take from its first step to its outcome. A render or a wait between retries is cut short
     * at this deadline, and the job then fails as {@code timeout} (retryable).
     */
    @WithDefault("10m")
    Duration jobTimeout();

    /**
     * Longest one provider call (with the provider's own retries and failover) may take before it is abandoned as
     * {@code timeout}. Set it above what the providers' own timeouts add up to, or their failover is cut short.
     */
    @WithDefault("5m")
    Duration renderTimeout();

    /** Longest wait for the broker to acknowledge one published event. */
    @WithDefault("30s")
    Duration publishTimeout();

    Retry retry();

    Cancel cancel();

    Moderation moderation();

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

        /**
         * Most pixels (width x height, read from the header before anything is decoded) a provider's image may
         * have: a decompression bomb is refused as {@code invalid_image} without being decoded.
         */
        @WithDefault("16777216")
        long maxPixels();

        /** Most bytes an encoded image from a provider may have. */
        @WithDefault("33554432")
        int maxBytes();

        /** Widest accepted ratio of the longer side to the shorter one of a provider's image. */
        @WithDefault("4")
        double maxAspectRatio();

        /** JPEG quality (0 to 1) of the {@code medium} and {@code thumb} variants. */
        @WithDefault("0.85")
        float jpegQuality();
    }

    /** In-process retries of a step that failed with a retryable code (provider_unavailable, timeout, …). */
    interface Retry {
        /** Retries after the first attempt; 0 disables them. */
        @WithDefault("2")
        int maxRetries();

        /** First wait between attempts; doubles on each retry. */
        @WithDefault("1s")
        Duration delay();

        /** Longest wait between attempts. */
        @WithDefault("10s")
        Duration maxDelay();
    }

    interface Cancel {
        /**
         * How long a canceled job id is remembered, and how far back a starting worker reads
         * {@code generation.canceled}: a job picked up this long after its cancel is still skipped.
         */
        @WithDefault("6h")
        Duration memory();
    }

    interface Moderation {
        /** Which {@code ImageModerator} checks each image before it is stored: {@code local}, {@code openai} or {@code none}. */
        @WithDefault("local")
        String provider();

        LocalRules local();

        OpenAi openai();

        interface LocalRules {
            /**
             * An image is blank, and refused, when at least this fraction of its pixels has one flat colour. The
             * flattest of 600 local {@code minimal} renders (two thin lines on a plain ground) is 0.9946 flat.
             */
            @WithDefault("0.999")
            double maxFlatFraction();

            /** Largest difference per RGB channel (0 to 255) between two pixels of the same flat colour. */
            @WithDefault("12")
            int flatTolerance();
        }

        interface OpenAi {
            /** Moderation model; its URL is {@code quarkus.rest-client.openai-moderation.url}. */
            @WithDefault("omni-moderation-latest")
            String model();

            /** API key; required when {@code provider} is {@code openai}. Never logged. */
            Optional<String> apiKey();
        }
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

        /**
         * Longest one S3 call may take, its own attempts included ({@code quarkus.s3.api-call-timeout} is set from
         * it).
         */
        @WithDefault("30s")
        Duration callTimeout();
    }

    interface Local {
        /** Model name the offline procedural provider reports. */
        @WithDefault("atelier-procedural-1")
        String model();
    }
}
