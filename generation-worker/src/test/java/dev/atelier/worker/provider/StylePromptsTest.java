package dev.atelier.worker.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.atelier.worker.config.ProvidersConfig;
import dev.atelier.worker.domain.ImageSize;
import dev.atelier.worker.domain.RenderSpec;
import dev.atelier.worker.domain.Style;

/** Style templates with the shipped defaults (application.properties plus the mapping's defaults, no profile). */
class StylePromptsTest {
    private static final ImageSize SIZE = new ImageSize(1024, 1024);

    private static ProvidersConfig shipped(Map<String, String> overrides) {
        return ShippedConfig.providers(overrides);
    }

    private static RenderSpec spec(String prompt, Style style, long seed, int index) {
        return new RenderSpec(prompt, style, Optional.empty(), seed, index, SIZE);
    }

    @Test
    void realisticPromptsGetPhotographicWords() {
        StylePrompts prompts = new StylePrompts(shipped(Map.of()));

        assertEquals("a lighthouse on a cliff, photorealistic, natural light, 35mm photograph, fine detail",
                prompts.prompt(spec("  a lighthouse on a cliff ", Style.REALISTIC, 1, 0)));
    }

    @Test
    void everyStyleHasItsOwnWords() {
        StylePrompts prompts = new StylePrompts(shipped(Map.of()));

        Set<String> words = Stream.of(Style.values()).map(prompts::words).collect(Collectors.toSet());

        assertEquals(Style.values().length, words.size());
        assertTrue(prompts.words(Style.MINIMAL).contains("minimalist"));
        assertTrue(prompts.words(Style.VIBRANT).contains("vibrant"));
        assertTrue(prompts.words(Style.ARTISTIC).contains("brush strokes"));
    }

    @Test
    void styleWordsAreConfigurable() {
        StylePrompts prompts = new StylePrompts(shipped(
                Map.of("atelier.worker.providers.style-words.vibrant", "neon, electric colours")));

        assertEquals("a city, neon, electric colours", prompts.prompt(spec("a city", Style.VIBRANT, 1, 0)));
    }

    @Test
    void eachImageOfAJobGetsItsOwnStableSeedWithinThirtyTwoBits() {
        assertEquals(StylePrompts.seed(spec("x", Style.MINIMAL, 42, 1)), StylePrompts.seed(spec("x", Style.MINIMAL,
                42, 1)));
        assertNotEquals(StylePrompts.seed(spec("x", Style.MINIMAL, 42, 0)), StylePrompts.seed(spec("x",
                Style.MINIMAL, 42, 1)));
        for (long seed : new long[] { 0, -1, Long.MIN_VALUE, Long.MAX_VALUE, 4_294_967_294L, 4_294_967_295L }) {
            long sent = StylePrompts.seed(spec("x", Style.MINIMAL, seed, 3));
            assertTrue(sent >= 1 && sent <= 4_294_967_294L, "seed " + seed + " sent as " + sent);
        }
    }

    @ParameterizedTest
    @EnumSource(Style.class)
    void stabilityStylePresetsDefaultToPhotographicAndDigitalArtOnly(Style style) {
        ProvidersConfig.StylePresets presets = shipped(Map.of()).stability().stylePresets();
        String expected = switch (style) {
            case REALISTIC -> "photographic";
            case ARTISTIC -> "digital-art";
            case MINIMAL, VIBRANT -> StabilityProvider.NO_PRESET;
        };
        String actual = switch (style) {
            case REALISTIC -> presets.realistic();
            case ARTISTIC -> presets.artistic();
            case MINIMAL -> presets.minimal();
            case VIBRANT -> presets.vibrant();
        };
        assertEquals(expected, actual);
    }

    @Test
    void theShippedDefaultsLeaveRemoteProvidersWithoutKeysAndFailOverToLocal() {
        ProvidersConfig config = shipped(Map.of());

        assertEquals(java.util.List.of("local"), config.order());
        assertTrue(config.openai().apiKey().isEmpty());
        assertEquals("gpt-image-1", config.openai().model());
        assertEquals("core", config.stability().model());
        assertEquals("black-forest-labs/FLUX.1-dev", config.huggingface().model());
        assertEquals("https://router.huggingface.co/hf-inference", config.huggingface().baseUrl());
        assertEquals(false, config.instant().enabled());
    }
}
