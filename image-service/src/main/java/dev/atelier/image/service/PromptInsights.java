package dev.atelier.image.service;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import dev.atelier.events.GenerationRequested;
import dev.atelier.image.config.PromptConfig;
import dev.atelier.image.domain.EmotionDetector;
import dev.atelier.image.domain.GenerationOptions;
import dev.atelier.image.domain.GenerationSpec;
import dev.atelier.image.domain.NameSuggester;

/**
 * What a prompt says beyond its words: the emotion (when the request gives none), the generation parameters that
 * emotion sets, and a name (when the request gives none).
 */
@ApplicationScoped
public class PromptInsights {
    private final EmotionDetector detector;
    private final NameSuggester namer;
    private final Map<String, PromptConfig.Emotion> emotions;

    public PromptInsights(PromptConfig config) {
        for (String emotion : config.emotions().keySet()) {
            if (!GenerationOptions.EMOTIONS.contains(emotion)) {
                throw new IllegalStateException("atelier.image.emotions." + emotion + " is not an emotion; use one of "
                        + String.join(", ", GenerationOptions.EMOTIONS));
            }
        }
        this.emotions = config.emotions();
        this.detector = new EmotionDetector(config.emotions().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().keywords())));
        this.namer = new NameSuggester(config.naming().stopWords(), config.naming().maxWords(),
                config.naming().maxLength());
    }

    public Optional<String> detectEmotion(String prompt) {
        return detector.detect(prompt);
    }

    public Optional<String> suggestName(String prompt) {
        return namer.suggest(prompt);
    }

    /** {@link GenerationRequested#PARAM_GUIDANCE} and {@link GenerationRequested#PARAM_STEPS} for the emotion. */
    public Map<String, Object> paramsFor(String emotion) {
        PromptConfig.Emotion settings = emotion == null ? null : emotions.get(emotion);
        if (settings == null) {
            return Map.of();
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put(GenerationRequested.PARAM_GUIDANCE, settings.guidance());
        params.put(GenerationRequested.PARAM_STEPS, settings.steps());
        return params;
    }

    /** The spec with a detected emotion and a suggested name where the request gave none, and its parameters. */
    public Enriched enrich(GenerationSpec spec) {
        String emotion = spec.emotion();
        boolean detected = false;
        if (emotion == null) {
            emotion = detectEmotion(spec.prompt()).orElse(null);
            detected = emotion != null;
        }
        String name = spec.name() != null ? spec.name() : suggestName(spec.prompt()).orElse(null);
        GenerationSpec enriched = new GenerationSpec(spec.prompt(), spec.style(), spec.size(), spec.count(), name,
                emotion, spec.seed(), spec.provider());
        return new Enriched(enriched, paramsFor(emotion), detected);
    }

    /** A spec after {@link #enrich(GenerationSpec)}: {@code emotionDetected} when the emotion came from the prompt. */
    public record Enriched(GenerationSpec spec, Map<String, Object> params, boolean emotionDetected) {
        public Enriched {
            params = Map.copyOf(params);
        }
    }
}
