package dev.atelier.worker.moderation;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import dev.atelier.worker.config.WorkerConfig;
import dev.atelier.worker.domain.GenerationException;
import io.quarkus.logging.Log;

/**
 * {@code openai}: asks OpenAI's moderation model ({@code omni-moderation-latest} by default) about the image, sent
 * as a data URL of at most medium size. {@code results[0].flagged} decides; the flagged categories are the reasons.
 *
 * <p>
 * Fails <b>closed</b>: when the API cannot answer (5xx, 429, timeout, I/O error, an answer without results) the
 * image is not stored and the step fails as {@code provider_unavailable}, retryable, so the worker's retries and
 * then image-service may try again. Storing an unchecked image because the checker was down would make the check
 * optional exactly when it is under load. Other 4xx answers (a bad key, a refused request) fail the same way but
 * not retryable: asking again would get the same answer.
 */
@ApplicationScoped
public class OpenAiImageModerator implements ImageModerator {
    public static final String NAME = "openai";

    private static final int TOO_MANY_REQUESTS = 429;
    private static final int REQUEST_TIMEOUT = 408;
    private static final int SERVER_ERROR = 500;

    private final OpenAiModerationApi api;
    private final WorkerConfig.Moderation.OpenAi config;

    public OpenAiImageModerator(@RestClient OpenAiModerationApi api, WorkerConfig config) {
        this.api = api;
        this.config = config.moderation().openai();
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Whether an API key is configured (required when this moderator is selected). */
    public boolean configured() {
        return config.apiKey().filter(key -> !key.isBlank()).isPresent();
    }

    @Override
    public ModerationVerdict moderate(ModerationImage image) {
        String key = config.apiKey().filter(k -> !k.isBlank())
                .orElseThrow(() -> unavailable("no API key is configured for image moderation", false, null));
        String dataUrl = "data:" + image.contentType() + ";base64," + Base64.getEncoder().encodeToString(image.encoded());
        OpenAiModerationApi.Response response;
        try {
            response = api.create("Bearer " + key, new OpenAiModerationApi.Request(config.model(),
                    List.of(OpenAiModerationApi.Input.image(dataUrl))));
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            boolean retryable = status == TOO_MANY_REQUESTS || status == REQUEST_TIMEOUT || status >= SERVER_ERROR;
            throw unavailable("image moderation answered HTTP " + status, retryable, e);
        } catch (ProcessingException e) {
            throw unavailable("image moderation could not be reached", true, e);
        }
        if (response == null || response.results() == null || response.results().isEmpty()
                || response.results().get(0).flagged() == null) {
            throw unavailable("image moderation answered without a result", true, null);
        }
        OpenAiModerationApi.Result result = response.results().get(0);
        if (!result.flagged()) {
            return ModerationVerdict.allowed();
        }
        Map<String, Boolean> categories = result.categories() == null ? Map.of() : result.categories();
        List<String> reasons = categories.entrySet().stream()
                .filter(category -> Boolean.TRUE.equals(category.getValue()))
                .map(Map.Entry::getKey)
                .filter(Objects::nonNull)
                .sorted()
                .toList();
        Log.debugf("image moderation %s flagged an image: %s", response.id(), reasons);
        return ModerationVerdict.flagged(reasons);
    }

    private static GenerationException unavailable(String message, boolean retryable, Throwable cause) {
        return new GenerationException(GenerationException.PROVIDER_UNAVAILABLE, message, retryable, cause);
    }
}
