package dev.atelier.worker.provider;

import jakarta.enterprise.context.ApplicationScoped;

import dev.atelier.worker.config.ProvidersConfig;
import dev.atelier.worker.domain.RenderSpec;
import dev.atelier.worker.domain.Style;

/**
 * What remote providers are sent: the user's prompt followed by the style's words
 * ({@code atelier.worker.providers.style-words.*}), and a seed per image.
 */
@ApplicationScoped
public class StylePrompts {
    /** Seeds go out as unsigned 32-bit numbers above 0: Stability reads 0 as "random"; FLUX pipelines take 32 bits. */
    static final long SEED_RANGE = 4_294_967_294L;

    private final ProvidersConfig.StyleWords words;

    public StylePrompts(ProvidersConfig config) {
        this.words = config.styleWords();
    }

    /** The prompt with the style's words appended, e.g. {@code "a lighthouse, photorealistic, natural light, …"}. */
    public String prompt(RenderSpec spec) {
        String styleWords = words(spec.style()).strip();
        String prompt = spec.prompt().strip();
        return styleWords.isEmpty() ? prompt : prompt + ", " + styleWords;
    }

    public String words(Style style) {
        return switch (style) {
            case REALISTIC -> words.realistic();
            case ARTISTIC -> words.artistic();
            case MINIMAL -> words.minimal();
            case VIBRANT -> words.vibrant();
        };
    }

    /**
     * The seed of image {@code index} of a job: the job's seed plus the index, so the images of one job differ and a
     * redelivered job asks for the same ones again. Always in {@code 1..4294967294}.
     */
    public static long seed(RenderSpec spec) {
        return 1 + Math.floorMod(spec.seed() + spec.index(), SEED_RANGE);
    }
}
