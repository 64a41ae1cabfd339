package dev.atelier.worker.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The image providers, under {@code atelier.worker.providers}: failover order, status reports, style words, and one
 * group per remote provider.
 *
 * <p>
 * The base URL and the fault-tolerance numbers of a remote provider ({@link Remote}) have no default here: their
 * defaults live in {@code application.properties}, because the REST client URL ({@code quarkus.rest-client.<name>.url})
 * and the MicroProfile Fault Tolerance overrides ({@code quarkus.fault-tolerance."<class>/render".*}) are expanded
 * from them there, and expressions only see properties, not mapping defaults.
 */
@ConfigMapping(prefix = "atelier.worker.providers")
public interface ProvidersConfig {

    /**
     * Providers tried, in this order, after the requested one fails with {@code provider_unavailable} or
     * {@code timeout}. Disabled providers (no API key) and unknown names are skipped.
     */
    @WithDefault("local")
    List<String> order();

    /** How often this worker re-publishes its provider status on {@code provider.status} (a heartbeat). */
    @WithDefault("10s")
    Duration statusInterval();

    /** How long one status record may wait for the broker's acknowledgement before it is given up (and logged). */
    @WithDefault("10s")
    Duration statusSendTimeout();

    /** Words added to the prompt of remote providers, per style. */
    StyleWords styleWords();

    OpenAi openai();

    Stability stability();

    HuggingFace huggingface();

    InstantConfig instant();

    interface StyleWords {
        @WithDefault("photorealistic, natural light, 35mm photograph, fine detail")
        String realistic();

        @WithDefault("painterly, expressive brush strokes, rich texture, fine art")
        String artistic();

        @WithDefault("minimalist, clean composition, few flat shapes, generous negative space")
        String minimal();

        @WithDefault("vibrant saturated colours, bold contrast, dynamic lighting")
        String vibrant();
    }

    /** What every remote provider needs. Defaults: see {@code application.properties}. */
    interface Remote {
        /** Secret; the provider is disabled without it. Never logged. */
        Optional<String> apiKey();

        /** Root of the provider's API, e.g. {@code https://api.openai.com}. */
        String baseUrl();

        /** Longest one call may take (also the REST client's read timeout). */
        long timeoutMs();

        /** Retries of a call that failed with 429, 5xx, an I/O error or a timeout. */
        int maxRetries();

        /** Delay before the first retry; doubles on each retry. */
        long retryDelayMs();

        /** Random plus/minus added to each retry delay. */
        long retryJitterMs();

        /** Longest delay between retries. */
        long maxRetryDelayMs();

        CircuitBreaker circuitBreaker();
    }

    interface CircuitBreaker {
        /** Calls in the rolling window the breaker judges by. */
        int requestVolume();

        /** Share of failed calls in that window that opens the breaker. */
        double failureRatio();

        /** How long the breaker stays open before it lets a trial call through. */
        long delayMs();
    }

    interface OpenAi extends Remote {
        /**
         * {@code gpt-image-1} (default: the current model, always answers base64, sizes 1024², 1536x1024,
         * 1024x1536), or {@code dall-e-3} (1024², 1792x1024, 1024x1792) or {@code dall-e-2}.
         */
        @WithDefault("gpt-image-1")
        String model();

        /**
         * {@code quality} sent as is: {@code low|medium|high|auto} for GPT image models, {@code standard|hd} for
         * DALL·E 3. Unset: the model's default.
         */
        Optional<String> quality();
    }

    interface Stability extends Remote {
        /** The Stable Image service: {@code core} or {@code ultra} (path segment of the generate call). */
        @WithDefault("core")
        String model();

        /** {@code style_preset} sent per style; {@code none} (or unset) sends none. */
        StylePresets stylePresets();
    }

    interface StylePresets {
        @WithDefault("photographic")
        String realistic();

        @WithDefault("digital-art")
        String artistic();

        @WithDefault("none")
        String minimal();

        @WithDefault("none")
        String vibrant();
    }

    interface HuggingFace extends Remote {
        /** Model id {@code owner/name} on the Inference API. */
        @WithDefault("black-forest-labs/FLUX.1-dev")
        String model();
    }

    /** A test provider: a flat PNG of the requested size, after an optional delay. For benchmarks and tests. */
    interface InstantConfig {
        @WithDefault("false")
        boolean enabled();

        /** Time each image takes, to simulate a provider. */
        @WithDefault("0ms")
        Duration delay();

        @WithDefault("atelier-instant-1")
        String model();
    }
}
