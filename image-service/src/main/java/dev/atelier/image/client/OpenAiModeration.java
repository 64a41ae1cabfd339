package dev.atelier.image.client;

import java.net.URI;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import dev.atelier.image.client.OpenAiModerationApi.ModerationRequest;
import dev.atelier.image.client.OpenAiModerationApi.ModerationResponse;
import dev.atelier.image.client.OpenAiModerationApi.Result;
import dev.atelier.image.config.PromptConfig;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.mutiny.Uni;

/**
 * Asks a moderation API shaped like OpenAI's whether a prompt is acceptable: {@code POST {base}/v1/moderations}
 * {@code {model, input}} → {@code results[0].flagged} and {@code categories}. Every failure (error status, timeout,
 * a body without a result) becomes a {@link ModerationUnavailableException}; the caller decides what that means.
 * The API key is sent as a bearer token and never logged.
 */
@ApplicationScoped
public class OpenAiModeration {
    private static final String BEARER = "Bearer ";

    private final PromptConfig.Moderation.OpenAi config;
    private volatile OpenAiModerationApi api;

    public OpenAiModeration(PromptConfig config) {
        this.config = config.moderation().openai();
    }

    public Uni<ModerationVerdict> moderate(String input) {
        String authorization = config.apiKey().map(key -> BEARER + key).orElse(null);
        return Uni.createFrom().deferred(() -> api().moderate(authorization, new ModerationRequest(config.model(), input)))
                .ifNoItem().after(config.timeout()).failWith(() -> new ModerationUnavailableException(
                        "no answer within " + config.timeout(), null))
                .map(OpenAiModeration::verdict)
                .onFailure(failure -> !(failure instanceof ModerationUnavailableException))
                .transform(failure -> new ModerationUnavailableException(describe(failure), failure));
    }

    private OpenAiModerationApi api() {
        OpenAiModerationApi current = api;
        if (current == null) {
            synchronized (this) {
                if (api == null) {
                    long timeout = config.timeout().toMillis();
                    api = QuarkusRestClientBuilder.newBuilder()
                            .baseUri(URI.create(config.baseUrl()))
                            .connectTimeout(timeout, TimeUnit.MILLISECONDS)
                            .readTimeout(timeout, TimeUnit.MILLISECONDS)
                            .build(OpenAiModerationApi.class);
                }
                current = api;
            }
        }
        return current;
    }

    static ModerationVerdict verdict(ModerationResponse response) {
        if (response == null || response.results() == null || response.results().isEmpty()
                || response.results().get(0).flagged() == null) {
            throw new ModerationUnavailableException("the answer has no result", null);
        }
        Result result = response.results().get(0);
        if (!result.flagged()) {
            return ModerationVerdict.clean();
        }
        return new ModerationVerdict(true, weightiestCategory(result));
    }

    /** Of the categories marked true, the one with the highest score (then by name); none marked: unspecified. */
    private static String weightiestCategory(Result result) {
        Map<String, Boolean> categories = result.categories() == null ? Map.of() : result.categories();
        Map<String, Double> scores = result.categoryScores() == null ? Map.of() : result.categoryScores();
        return categories.entrySet().stream()
                .filter(e -> Boolean.TRUE.equals(e.getValue()))
                .map(Map.Entry::getKey)
                .filter(Objects::nonNull)
                .min(Comparator.<String>comparingDouble(c -> -scores.getOrDefault(c, 0.0))
                        .thenComparing(Comparator.naturalOrder()))
                .orElse(ModerationVerdict.UNSPECIFIED_CATEGORY);
    }

    private static String describe(Throwable failure) {
        if (failure instanceof WebApplicationException web && web.getResponse() != null) {
            return "status " + web.getResponse().getStatus();
        }
        return failure.getClass().getSimpleName();
    }
}
