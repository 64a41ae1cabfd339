package dev.atelier.image.service;

import java.util.Optional;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import dev.atelier.image.client.ModerationVerdict;
import dev.atelier.image.client.OpenAiModeration;
import dev.atelier.image.config.PromptConfig;
import dev.atelier.image.domain.BlockList;
import dev.atelier.problem.ProblemException;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Checks a prompt before anything is stored or held: the configured block list first, then the moderation provider
 * if one is configured. When the provider gives no answer the prompt is refused (fail closed, 503) unless
 * {@code atelier.image.moderation.fail-open=true}.
 */
@ApplicationScoped
public class PromptFilter {
    public static final String PROVIDER_NONE = "none";
    public static final String PROVIDER_OPENAI = "openai";

    private final BlockList blockList;
    /** Null when no moderation provider is configured. */
    private final Function<String, Uni<ModerationVerdict>> moderation;
    private final boolean failOpen;

    @Inject
    public PromptFilter(PromptConfig config, OpenAiModeration openAi) {
        this(new BlockList(config.promptFilter().blockedTerms()), moderation(config, openAi),
                config.moderation().failOpen());
    }

    PromptFilter(BlockList blockList, Function<String, Uni<ModerationVerdict>> moderation, boolean failOpen) {
        this.blockList = blockList;
        this.moderation = moderation;
        this.failOpen = failOpen;
    }

    private static Function<String, Uni<ModerationVerdict>> moderation(PromptConfig config, OpenAiModeration openAi) {
        String provider = config.moderation().provider();
        return switch (provider) {
            case PROVIDER_NONE -> null;
            case PROVIDER_OPENAI -> {
                if (config.moderation().openai().apiKey().filter(key -> !key.isBlank()).isEmpty()) {
                    throw new IllegalStateException(
                            "atelier.image.moderation.openai.api-key is required when the moderation provider is openai");
                }
                yield openAi::moderate;
            }
            default -> throw new IllegalStateException("atelier.image.moderation.provider must be none or openai, not "
                    + provider);
        };
    }

    /** Builds the filter at startup, so a bad moderation setting stops the service rather than the first request. */
    void onStart(@Observes StartupEvent event) {
        Log.infof("Prompt filter ready: %s", moderation == null ? "block list only" : "block list and moderation");
    }

    /** What the filter says about the prompt; never fails. */
    public Uni<Verdict> check(String prompt) {
        Optional<String> term = blockList.firstMatch(prompt);
        if (term.isPresent()) {
            return Uni.createFrom().item(Verdict.blocked(PromptBlockedException.BLOCKED_TERM));
        }
        if (moderation == null) {
            return Uni.createFrom().item(Verdict.ALLOWED);
        }
        return Uni.createFrom().deferred(() -> moderation.apply(prompt))
                .map(verdict -> verdict.flagged()
                        ? Verdict.blocked(PromptBlockedException.MODERATION_PREFIX + verdict.category())
                        : Verdict.ALLOWED)
                .onFailure().recoverWithItem(failure -> {
                    Log.warnf("Moderation unavailable (%s); prompt %s", failure.getMessage(),
                            failOpen ? "let through (fail open)" : "refused (fail closed)");
                    return failOpen ? Verdict.ALLOWED : Verdict.UNCHECKED;
                });
    }

    /**
     * Passes when the prompt may be queued; otherwise fails with a {@link PromptBlockedException} (422) or, when
     * moderation is down and the filter fails closed, a 503 problem.
     */
    public Uni<Void> require(String prompt) {
        return Uni.createFrom().deferred(() -> {
            // A moderation answer may arrive elsewhere: go on on the caller's context (where its session lives).
            Context context = Vertx.currentContext();
            Uni<Verdict> verdict = check(prompt);
            if (context != null) {
                verdict = verdict.emitOn(task -> context.runOnContext(ignored -> task.run()));
            }
            return verdict;
        }).invoke(verdict -> {
            switch (verdict.outcome()) {
                case BLOCKED -> throw new PromptBlockedException(verdict.reason());
                case UNCHECKED -> throw moderationUnavailable();
                default -> {
                    // allowed
                }
            }
        }).replaceWithVoid();
    }

    public static ProblemException moderationUnavailable() {
        return new ProblemException(503, "moderation-unavailable", "Service unavailable",
                "The prompt could not be checked right now; try again shortly");
    }

    /** {@code reason} is set when blocked. */
    public record Verdict(Outcome outcome, String reason) {
        static final Verdict ALLOWED = new Verdict(Outcome.ALLOWED, null);
        static final Verdict UNCHECKED = new Verdict(Outcome.UNCHECKED, null);

        static Verdict blocked(String reason) {
            return new Verdict(Outcome.BLOCKED, reason);
        }

        public enum Outcome {
            ALLOWED,
            BLOCKED,
            /** Moderation gave no answer and the filter fails closed. */
            UNCHECKED
        }
    }
}
