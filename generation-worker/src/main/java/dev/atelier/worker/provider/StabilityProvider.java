package dev.atelier.worker.provider;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
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
import org.jboss.resteasy.reactive.client.api.ClientMultipartForm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.atelier.worker.config.ProvidersConfig;
import dev.atelier.worker.domain.GenerationException;
import dev.atelier.worker.domain.RenderSpec;
import dev.atelier.worker.domain.Style;
import io.quarkus.logging.Log;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.faulttolerance.api.RetryWhen;

/**
 * {@code stability}: Stability AI's Stable Image API (Core by default, or Ultra). Sends the prompt with the style's
 * words, the aspect ratio nearest to the requested size ({@link ImageShapes#stabilityAspectRatio}; the service picks
 * the pixel size, about one megapixel), the image's seed, {@code output_format=png} and a {@code style_preset} per
 * style where one fits. Stable Image Core/Ultra take no guidance scale or step count, so emotion parameters are not
 * sent. Answers the PNG bytes; {@code finish-reason: CONTENT_FILTERED} or a 403 {@code content_moderation} becomes
 * {@code content_blocked}.
 *
 * <p>
 * Fault tolerance as for {@link OpenAiProvider}, from {@code atelier.worker.providers.stability.*}.
 */
@ApplicationScoped
public class StabilityProvider implements ImageProvider {
    public static final String NAME = "stability";
    static final String CONTENT_FILTERED = "CONTENT_FILTERED";
    static final String CONTENT_MODERATION = "content_moderation";
    static final String FINISH_REASON_HEADER = "finish-reason";
    static final String NO_PRESET = "none";
    private static final String OUTPUT_FORMAT = "png";
    private static final String ACCEPT_IMAGE = "image/*";
    private static final String MODEL_PREFIX = "stable-image-";
    private static final int OK_FAMILY = 2;
    private static final int HTTP_FAMILY = 100;
    private static final int CLIENT_ERROR = 400;
    private static final int SERVER_ERROR = 500;

    private final StabilityApi api;
    private final ProvidersConfig.Stability config;
    private final StylePrompts prompts;
    private final ObjectMapper json;

    public StabilityProvider(@RestClient StabilityApi api, ProvidersConfig config, StylePrompts prompts,
            ObjectMapper json) {
        this.api = api;
        this.config = config.stability();
        this.prompts = prompts;
        this.json = json;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String model() {
        return MODEL_PREFIX + config.model();
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
        ClientMultipartForm form = ClientMultipartForm.create()
                .attribute("prompt", prompts.prompt(spec), null)
                .attribute("aspect_ratio", ImageShapes.stabilityAspectRatio(spec.size()), null)
                .attribute("seed", Long.toString(StylePrompts.seed(spec)), null)
                .attribute("output_format", OUTPUT_FORMAT, null);
        stylePreset(spec.style()).ifPresent(preset -> form.attribute("style_preset", preset, null));
        try (Response response = api.generate(config.model(), authorization, ACCEPT_IMAGE, form)) {
            int status = response.getStatus();
            if (status / HTTP_FAMILY == OK_FAMILY) {
                return image(response, key);
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

    /** The configured {@code style_preset} of {@code style}; empty for {@value #NO_PRESET}. */
    Optional<String> stylePreset(Style style) {
        ProvidersConfig.StylePresets presets = config.stylePresets();
        String preset = switch (style) {
            case REALISTIC -> presets.realistic();
            case ARTISTIC -> presets.artistic();
            case MINIMAL -> presets.minimal();
            case VIBRANT -> presets.vibrant();
        };
        String trimmed = preset.strip();
        return trimmed.isEmpty() || NO_PRESET.equals(trimmed.toLowerCase(Locale.ROOT)) ? Optional.empty()
                : Optional.of(trimmed);
    }

    private byte[] image(Response response, Optional<String> key) {
        if (!response.hasEntity()) {
            throw RemoteFailures.invalidImage(NAME, "an empty body", null);
        }
        MediaType type = response.getMediaType();
        if (type != null && MediaType.APPLICATION_JSON_TYPE.isCompatible(type)) {
            // Accept: application/json shape (a proxy may insist on it): {image, finish_reason, seed}.
            JsonNode body = RemoteKeys.parseQuietly(json, response.readEntity(String.class));
            refuseFiltered(body.path("finish_reason").asText(""), key);
            JsonNode image = body.path("image");
            if (!image.isTextual() || image.asText().isEmpty()) {
                throw RemoteFailures.invalidImage(NAME, "JSON without an image", null);
            }
            try {
                return Base64.getMimeDecoder().decode(image.asText());
            } catch (IllegalArgumentException e) {
                throw RemoteFailures.invalidImage(NAME, "an image that is not base64", null);
            }
        }
        refuseFiltered(response.getHeaderString(FINISH_REASON_HEADER), key);
        byte[] bytes = response.readEntity(byte[].class);
        if (bytes == null || bytes.length == 0) {
            throw RemoteFailures.invalidImage(NAME, "an empty body", null);
        }
        return bytes;
    }

    private static void refuseFiltered(String finishReason, Optional<String> key) {
        if (CONTENT_FILTERED.equalsIgnoreCase(finishReason == null ? "" : finishReason.strip())) {
            throw RemoteFailures.contentBlocked(NAME, "finish-reason " + CONTENT_FILTERED, key);
        }
    }

    private GenerationException failure(int status, String body, Optional<String> key) {
        JsonNode error = RemoteKeys.parseQuietly(json, body);
        String name = error.path("name").asText("");
        List<String> messages = new ArrayList<>();
        error.path("errors").forEach(message -> messages.add(message.asText()));
        String detail = messages.isEmpty() ? (name.isEmpty() ? body : name) : name + ": " + String.join("; ", messages);
        Log.debugf("%s answered %d (%s)", NAME, status, RemoteFailures.clean(name, key));
        if (status >= CLIENT_ERROR && status < SERVER_ERROR && CONTENT_MODERATION.equals(name)) {
            return RemoteFailures.contentBlocked(NAME, detail, key);
        }
        return RemoteFailures.byStatus(NAME, status, detail, key);
    }
}
