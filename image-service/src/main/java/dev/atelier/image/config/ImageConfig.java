package dev.atelier.image.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithDefaults;

/** Settings of image-service, under {@code atelier.image}. */
@ConfigMapping(prefix = "atelier.image")
public interface ImageConfig {

    /** Provider a job uses when the request names none; must be one of {@link #providers()}. */
    @WithDefault("local")
    String defaultProvider();

    /** Providers a request may name (the worker must have each of them configured). */
    @WithDefault("local")
    List<String> providers();

    /**
     * Credits one image costs, by size ({@code atelier.image.credits-per-image."1024x1792"=2}); sizes not listed
     * cost the default.
     */
    @WithDefaults
    @WithDefault("1")
    Map<String, Integer> creditsPerImage();

    Outbox outbox();

    Consumer consumer();

    Listing listing();

    Idempotency idempotency();

    PromptCache promptCache();

    interface Outbox {
        /** How often the relay sweeps for rows a submit's own kick did not publish (e.g. after a crash). */
        @WithDefault("1s")
        Duration sweepInterval();

        /** Rows locked and published per relay transaction. */
        @WithDefault("100")
        int batchSize();

        /** Longest wait for the broker's acknowledgement of one record before the batch stops. */
        @WithDefault("30s")
        Duration sendTimeout();

        /** Published rows are deleted after this long. */
        @WithDefault("7d")
        Duration retention();

        /** How often published rows older than {@link #retention()} are deleted. */
        @WithDefault("1h")
        Duration purgeInterval();
    }

    interface Consumer {
        /** Attempts after the first before a job event goes to the dead-letter topic. */
        @WithDefault("3")
        int retries();

        /** Delay before the first retry; doubles for each further one. */
        @WithDefault("200ms")
        Duration retryBackoff();
    }

    interface Listing {
        @WithDefault("20")
        int defaultLimit();

        @WithDefault("50")
        int maxLimit();
    }

    interface Idempotency {
        /** A key is remembered at least this long after its job was created (the issue asks for 24 h or more). */
        @WithDefault("24h")
        Duration retention();

        /** How often keys older than {@link #retention()} are forgotten (the job stays, without its key). */
        @WithDefault("1h")
        Duration purgeInterval();
    }

    interface PromptCache {
        /** Whether an identical request with an explicit seed may reuse the images of an earlier job. */
        @WithDefault("true")
        boolean enabled();

        /** How long after a rendered job was created an identical request may reuse its images. */
        @WithDefault("1h")
        Duration window();

        /** Credits one reused image costs (a rendered one costs {@code credits-per-image}). */
        @WithDefault("0")
        int cost();
    }
}
