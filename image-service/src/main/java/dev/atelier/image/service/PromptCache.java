package dev.atelier.image.service;

import java.text.Normalizer;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import dev.atelier.image.config.ImageConfig;
import dev.atelier.image.domain.GenerationJob;
import dev.atelier.image.domain.GenerationSpec;
import dev.atelier.image.repository.GenerationJobRepository;
import io.smallrye.mutiny.Uni;

/**
 * Reuses the images of an identical earlier request instead of rendering again. Identical means the same user and
 * the same normalised prompt, style, size, count, emotion, seed and provider. Only requests that <em>gave</em> a seed
 * take part: without one the user asks for a new random picture, which a cached one is not. The source must have
 * succeeded, been rendered (not itself a cache hit, so the window never slides forward) at most
 * {@code atelier.image.prompt-cache.window} ago, and none of its images may have been deleted.
 */
@ApplicationScoped
public class PromptCache {
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final char SEPARATOR = '\u001f';

    private final GenerationJobRepository jobs;
    private final ImageConfig.PromptCache config;

    public PromptCache(GenerationJobRepository jobs, ImageConfig config) {
        this.jobs = jobs;
        this.config = config.promptCache();
    }

    /** The key under which a rendered job can be found again, or null when its request left the seed random. */
    public String keyOf(GenerationSpec spec, boolean seedGiven) {
        if (!seedGiven) {
            return null;
        }
        String canonical = String.join(String.valueOf(SEPARATOR),
                normalisePrompt(spec.prompt()),
                spec.style(),
                spec.size(),
                Integer.toString(spec.count()),
                spec.emotion() == null ? "" : spec.emotion(),
                Long.toString(spec.seed()),
                spec.provider());
        return RequestFingerprint.sha256(canonical);
    }

    /** In the caller's session: an earlier job of the user whose images answer this key, or null. */
    public Uni<GenerationJob> sourceFor(UUID userId, String cacheKey) {
        if (cacheKey == null || !config.enabled()) {
            return Uni.createFrom().nullItem();
        }
        return jobs.findCacheSource(userId, cacheKey, config.window());
    }

    /** What a cache hit of {@code count} images costs. */
    public int cost(int count) {
        return Math.multiplyExact(config.cost(), count);
    }

    /**
     * Prompts that differ only in Unicode form, case or spacing are the same prompt: NFKC, lowercase, runs of
     * whitespace as one space, trimmed.
     */
    static String normalisePrompt(String prompt) {
        String composed = Normalizer.normalize(prompt, Normalizer.Form.NFKC);
        return WHITESPACE.matcher(composed.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
    }
}
