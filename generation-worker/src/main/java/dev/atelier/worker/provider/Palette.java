package dev.atelier.worker.provider;

import java.awt.Color;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

import dev.atelier.worker.domain.Emotion;

/**
 * The colours of one image: a base hue taken from the prompt's words (colour words count most, any other word
 * by its hash), jittered per image, then tinted by the emotion (hue pull, saturation scale, brightness shift).
 */
final class Palette {
    private static final Map<String, Float> COLOUR_WORDS = Map.ofEntries(
            Map.entry("red", 0.0f), Map.entry("crimson", 0.97f), Map.entry("fire", 0.03f),
            Map.entry("sunset", 0.05f), Map.entry("orange", 0.07f), Map.entry("autumn", 0.07f),
            Map.entry("desert", 0.09f), Map.entry("amber", 0.1f), Map.entry("gold", 0.13f),
            Map.entry("golden", 0.13f), Map.entry("sun", 0.12f), Map.entry("yellow", 0.15f),
            Map.entry("lime", 0.25f), Map.entry("leaf", 0.28f), Map.entry("forest", 0.3f),
            Map.entry("green", 0.33f), Map.entry("teal", 0.47f), Map.entry("cyan", 0.5f),
            Map.entry("ice", 0.53f), Map.entry("water", 0.55f), Map.entry("sky", 0.56f),
            Map.entry("sea", 0.57f), Map.entry("ocean", 0.58f), Map.entry("blue", 0.62f),
            Map.entry("navy", 0.64f), Map.entry("night", 0.66f), Map.entry("indigo", 0.7f),
            Map.entry("lavender", 0.75f), Map.entry("violet", 0.77f), Map.entry("purple", 0.78f),
            Map.entry("magenta", 0.85f), Map.entry("pink", 0.92f), Map.entry("rose", 0.95f));
    private static final float COLOUR_WORD_WEIGHT = 4f;
    private static final float HUE_JITTER = 0.04f;
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private final float baseHue;
    private final float hueTarget;
    private final float huePull;
    private final float saturationScale;
    private final float brightnessShift;

    private Palette(float baseHue, Optional<Emotion> emotion) {
        this.baseHue = baseHue;
        Emotion e = emotion.orElse(null);
        if (e == null) {
            hueTarget = baseHue;
            huePull = 0f;
            saturationScale = 1f;
            brightnessShift = 0f;
        } else {
            switch (e) {
                case CALM -> {
                    hueTarget = 0.55f;
                    huePull = 0.35f;
                    saturationScale = 0.8f;
                    brightnessShift = 0.05f;
                }
                case ENERGETIC -> {
                    hueTarget = 0.04f;
                    huePull = 0.3f;
                    saturationScale = 1.2f;
                    brightnessShift = 0.05f;
                }
                case MYSTERIOUS -> {
                    hueTarget = 0.75f;
                    huePull = 0.4f;
                    saturationScale = 0.9f;
                    brightnessShift = -0.25f;
                }
                case HOPEFUL -> {
                    hueTarget = 0.13f;
                    huePull = 0.35f;
                    saturationScale = 1f;
                    brightnessShift = 0.1f;
                }
                case MELANCHOLIC -> {
                    hueTarget = 0.6f;
                    huePull = 0.4f;
                    saturationScale = 0.55f;
                    brightnessShift = -0.15f;
                }
                default -> throw new IllegalStateException("unhandled emotion " + e);
            }
        }
    }

    static Palette of(String prompt, Optional<Emotion> emotion, SplittableRandom random) {
        float hue = promptHue(prompt) + (float) (random.nextDouble(-1, 1) * HUE_JITTER);
        return new Palette(wrap(hue), emotion);
    }

    /** Circular mean of the words' hues, colour words weighted most. */
    static float promptHue(String prompt) {
        double x = 0;
        double y = 0;
        for (String word : prompt.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (word.isEmpty()) {
                continue;
            }
            Float known = COLOUR_WORDS.get(word);
            float hue = known != null ? known : hashHue(word);
            float weight = known != null ? COLOUR_WORD_WEIGHT : 1f;
            x += weight * Math.cos(2 * Math.PI * hue);
            y += weight * Math.sin(2 * Math.PI * hue);
        }
        if (x == 0 && y == 0) {
            return hashHue(prompt);
        }
        return wrap((float) (Math.atan2(y, x) / (2 * Math.PI)));
    }

    private static float hashHue(String word) {
        long hash = FNV_OFFSET;
        for (byte b : word.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= FNV_PRIME;
        }
        return (float) ((hash >>> 11) / (double) (1L << 53));
    }

    float baseHue() {
        return baseHue;
    }

    /** A colour {@code hueOffset} turns away from the base hue, tinted by the emotion. */
    Color color(float hueOffset, float saturation, float brightness) {
        return color(hueOffset, saturation, brightness, 1f);
    }

    /** Like {@link #color(float, float, float)} with only {@code brightnessWeight} of the emotion's shift. */
    Color color(float hueOffset, float saturation, float brightness, float brightnessWeight) {
        float hue = pull(wrap(baseHue + hueOffset));
        return Color.getHSBColor(hue, clamp(saturation * saturationScale),
                clamp(brightness + brightnessShift * brightnessWeight));
    }

    static Color withAlpha(Color color, float alpha) {
        return new Color(color.getRed(), color.getGreen(), color.getBlue(), Math.round(clamp(alpha) * 255));
    }

    static Color mix(Color a, Color b, float t) {
        float u = clamp(t);
        return new Color(Math.round(a.getRed() + (b.getRed() - a.getRed()) * u),
                Math.round(a.getGreen() + (b.getGreen() - a.getGreen()) * u),
                Math.round(a.getBlue() + (b.getBlue() - a.getBlue()) * u));
    }

    private float pull(float hue) {
        if (huePull == 0f) {
            return hue;
        }
        float delta = hueTarget - hue;
        delta -= Math.round(delta); // shortest way round the colour wheel
        return wrap(hue + delta * huePull);
    }

    private static float wrap(float hue) {
        return hue - (float) Math.floor(hue);
    }

    static float clamp(float value) {
        return Math.max(0f, Math.min(1f, value));
    }
}
