package dev.atelier.worker.provider;

import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.atelier.worker.config.ProvidersConfig;
import dev.atelier.worker.domain.GenerationException;
import dev.atelier.worker.domain.ImageSize;
import dev.atelier.worker.domain.RenderSpec;
import io.quarkus.logging.Log;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.faulttolerance.api.RetryWhen;

/**
 * {@code openai}: the OpenAI Images API (DESIGN.md §6). Sends the prompt with the style's words and the supported size
 * nearest to the requested one ({@link ImageShapes#openAiSize}); the API takes no seed, guidance or steps, so those are
 * not sent. Answers the decoded {@code b64_json} image (PNG).
 *
 * <p>
 * Fault tolerance (values overridden from {@code atelier.worker.providers.openai.*}, see application.properties): a
 * timeout per call, retries with exponential backoff and jitter on 429/5xx/I/O errors/timeouts only, a circuit breaker
 * named {@value #NAME}, and a fallback that turns what fault tolerance threw into a {@link GenerationException}.
 */
@ApplicationScoped
public class OpenAiProvider implements ImageProvider {
    public static final String NAME = "openai";
    /** Error codes of a refusal by OpenAI's safety system: DALL·E and GPT image models respectively. */
    static final Set<String> REFUSAL_CODES = Set.of("content_policy_violation", "moderation_blocked");
    /** A 429 that is about billing, not rate: retrying will not help. */
    static final String NO_QUOTA = "insufficient_quota";
    private static final String B64_JSON = "b64_json";
    private static final int OK_FAMILY = 2;
    private static final int HTTP_FAMILY = 100;
    private static final int BAD_REQUEST = 400;
    private static final int TOO_MANY_REQUESTS = 429;

    private final OpenAiApi api;
    private final ProvidersConfig.OpenAi config;
    private final StylePrompts prompts;
    private final ObjectMapper json;

    public OpenAiProvider(@RestClient OpenAiApi api, ProvidersConfig config, StylePrompts prompts, ObjectMapper json) {
        this.api = api;
        this.config = config.openai();
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
    @Timeout(value = 120_000, unit = ChronoUnit.MILLIS)
    @Retry(maxRetries = 2, delay = 1_000, delayUnit = ChronoUnit.MILLIS, jitter = 250,
            jitterDelayUnit = ChronoUnit.MILLIS, maxDuration = 0)
    @ExponentialBackoff(factor = 2, maxDelay = 10_000, maxDelayUnit = ChronoUnit.MILLIS)
    @RetryWhen(exception = RetryableFailure.class)
    @CircuitBreaker(failOn = { ProviderFailureException.class, TimeoutException.class }, requestVolumeThreshold = 10,
            failureRatio = 0.5, delay = 30_000, delayUnit = ChronoUnit.MILLIS)
    @CircuitBreakerName(NAME)
    @Fallback(fallbackMethod = "failed", skipOn = GenerationException.class)
    public byte[] render(RenderSpec spec) {
        Optional<String> key = RemoteKeys.normalized(config.apiKey());
        String authorization = RemoteKeys.bearer(NAME, key);
        ImageSize size = ImageShapes.openAiSize(config.model(), spec.size());
        OpenAiApi.ImageRequest request = new OpenAiApi.ImageRequest(config.model(), prompts.prompt(spec), 1,
                size.toString(), ImageShapes.openAiNeedsResponseFormat(config.model()) ? B64_JSON : null,
                config.quality().orElse(null));
        try (Response response = api.generate(authorization, request)) {
            String body = response.hasEntity() ? response.readEntity(String.class) : "";
            if (response.getStatus() / HTTP_FAMILY == OK_FAMILY) {
                return image(body);
            }
            throw failure(response.getStatus(), body, key);
        } catch (ProcessingException e) {
            throw RemoteFailures.io(NAME, e, key);
        }
    }

    /** The {@code @Fallback}: whatever escaped the retries and the breaker, as a {@link GenerationException}. */
    byte[] failed(RenderSpec spec, Throwable failure) {
        throw RemoteFailures.afterFaultTolerance(NAME, failure);
    }

    private byte[] image(String body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw RemoteFailures.invalidImage(NAME, "a body that is not JSON", null);
        }
        JsonNode encoded = root == null ? null : root.path("data").path(0).path(B64_JSON);
        if (encoded == null || !encoded.isTextual() || encoded.asText().isEmpty()) {
            throw RemoteFailures.invalidImage(NAME, "no data[0].b64_json", null);
        }
        try {
            return Base64.getMimeDecoder().decode(encoded.asText());
        } catch (IllegalArgumentException e) {
            throw RemoteFailures.invalidImage(NAME, "data[0].b64_json that is not base64", null);
        }
    }

    private GenerationException failure(int status, String body, Optional<String> key) {
        JsonNode error = RemoteKeys.parseQuietly(json, body).path("error");
        String code = error.path("code").asText("");
        String detail = error.path("message").asText(body);
        Log.debugf("%s answered %d (code '%s')", NAME, status, RemoteFailures.clean(code, key));
        if (status == BAD_REQUEST && REFUSAL_CODES.contains(code)) {
            return RemoteFailures.contentBlocked(NAME, detail, key);
        }
        if (status == TOO_MANY_REQUESTS && NO_QUOTA.equals(code)) {
            return RemoteFailures.noQuota(NAME, status, detail, key);
        }
        return RemoteFailures.byStatus(NAME, status, detail, key);
    }
}
