package dev.atelier.worker.provider;

import java.time.temporal.ChronoUnit;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.atelier.worker.config.ProvidersConfig;
import dev.atelier.worker.domain.GenerationException;
import dev.atelier.worker.domain.RenderSpec;
import io.quarkus.logging.Log;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.faulttolerance.api.RetryWhen;

/**
 * {@code huggingface}: the Hugging Face Inference API with FLUX.1-dev by default. Sends the prompt with the style's
 * words, the exact width and height asked for, the image's seed, and the emotion's guidance scale and step count when
 * the request carries them. A 503 while the model loads ({@code {error, estimated_time}}) is retried like any 5xx and
 * then fails over as {@code provider_unavailable}.
 *
 * <p>
 * Fault tolerance as for {@link OpenAiProvider}, from {@code atelier.worker.providers.huggingface.*}.
 */
@ApplicationScoped
public class HuggingFaceProvider implements ImageProvider {
    public static final String NAME = "huggingface";
    private static final String ACCEPT_IMAGE = "image/*";
    private static final int OK_FAMILY = 2;
    private static final int HTTP_FAMILY = 100;

    private final HuggingFaceApi api;
    private final ProvidersConfig.HuggingFace config;
    private final StylePrompts prompts;
    private final ObjectMapper json;

    public HuggingFaceProvider(@RestClient HuggingFaceApi api, ProvidersConfig config, StylePrompts prompts,
            ObjectMapper json) {
        this.api = api;
        this.config = config.huggingface();
        this.prompts = prompts;
        this.json = json;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String model() {
        return config.model();
    }

    @Override
    public boolean enabled() {
        return RemoteKeys.present(config.apiKey());
    }

    @Override
    public Optional<String> circuitBreaker() {
        return Optional.of(NAME);
    }

    @Override
    @Timeout(value = 180_000, unit = ChronoUnit.MILLIS)
    @Retry(maxRetries = 2, delay = 2_000, delayUnit = ChronoUnit.MILLIS, jitter = 500,
            jitterDelayUnit = ChronoUnit.MILLIS, maxDuration = 0)
    @ExponentialBackoff(factor = 2, maxDelay = 20_000, maxDelayUnit = ChronoUnit.MILLIS)
    @RetryWhen(exception = RetryableFailure.class)
    @CircuitBreaker(failOn = { ProviderFailureException.class, TimeoutException.class }, requestVolumeThreshold = 10,
            failureRatio = 0.5, delay = 30_000, delayUnit = ChronoUnit.MILLIS)
    @CircuitBreakerName(NAME)
    @Fallback(fallbackMethod = "failed", skipOn = GenerationException.class)
    public byte[] render(RenderSpec spec) {
        Optional<String> key = RemoteKeys.normalized(config.apiKey());
        String authorization = RemoteKeys.bearer(NAME, key);
        HuggingFaceApi.TextToImageRequest request = new HuggingFaceApi.TextToImageRequest(prompts.prompt(spec),
                new HuggingFaceApi.Parameters(spec.size().width(), spec.size().height(), spec.guidance(), spec.steps(),
                        StylePrompts.seed(spec)));
        String model = config.model().strip();
        int slash = model.indexOf('/');
        try (Response response = slash < 0
                ? api.textToImage(model, authorization, ACCEPT_IMAGE, request)
                : api.textToImage(model.substring(0, slash), model.substring(slash + 1), authorization, ACCEPT_IMAGE,
                        request)) {
            int status = response.getStatus();
            if (status / HTTP_FAMILY == OK_FAMILY) {
                return image(response);
            }
            throw failure(status, response.hasEntity() ? response.readEntity(String.class) : "", key);
        } catch (ProcessingException e) {
            throw RemoteFailures.io(NAME, e, key);
        }
    }

    /** The {@code @Fallback}: whatever escaped the retries and the breaker, as a {@link GenerationException}. */
    byte[] failed(RenderSpec spec, Throwable failure) {
        throw RemoteFailures.afterFaultTolerance(NAME, failure);
    }

    private static byte[] image(Response response) {
        MediaType type = response.getMediaType();
        if (type != null && MediaType.APPLICATION_JSON_TYPE.isCompatible(type)) {
            throw RemoteFailures.invalidImage(NAME, "JSON instead of image bytes", null);
        }
        byte[] bytes = response.hasEntity() ? response.readEntity(byte[].class) : null;
        if (bytes == null || bytes.length == 0) {
            throw RemoteFailures.invalidImage(NAME, "an empty body", null);
        }
        return bytes;
    }

    private GenerationException failure(int status, String body, Optional<String> key) {
        JsonNode error = RemoteKeys.parseQuietly(json, body);
        String detail = error.path("error").isTextual() ? error.path("error").asText() : body;
        if (error.path("estimated_time").isNumber()) {
            detail = detail + " (estimated time " + error.path("estimated_time").asDouble() + " s)";
        }
        Log.debugf("%s answered %d", NAME, status);
        return RemoteFailures.byStatus(NAME, status, detail, key);
    }
}
