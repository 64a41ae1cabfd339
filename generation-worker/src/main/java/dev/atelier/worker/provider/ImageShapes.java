package dev.atelier.worker.provider;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import dev.atelier.worker.domain.ImageSize;

/**
 * Maps an Atelier size to what a provider accepts: the nearest aspect ratio first, then the nearest pixel count.
 * Ratios are compared on a log scale so 2:1 and 1:2 are equally far from 1:1.
 */
final class ImageShapes {
    /** The {@code aspect_ratio} values of Stability's Stable Image API. */
    static final List<String> STABILITY_ASPECT_RATIOS = List.of(
            "21:9", "16:9", "3:2", "5:4", "1:1", "4:5", "2:3", "9:16", "9:21");

    static final List<ImageSize> GPT_IMAGE_SIZES = List.of(
            new ImageSize(1024, 1024), new ImageSize(1536, 1024), new ImageSize(1024, 1536));
    static final List<ImageSize> DALL_E_3_SIZES = List.of(
            new ImageSize(1024, 1024), new ImageSize(1792, 1024), new ImageSize(1024, 1792));
    static final List<ImageSize> DALL_E_2_SIZES = List.of(
            new ImageSize(256, 256), new ImageSize(512, 512), new ImageSize(1024, 1024));

    private ImageShapes() {
    }

    /** Stability's aspect ratio nearest to {@code size}, e.g. 1792x1024 → {@code 16:9}, 512x512 → {@code 1:1}. */
    static String stabilityAspectRatio(ImageSize size) {
        double wanted = logRatio(size.width(), size.height());
        return STABILITY_ASPECT_RATIOS.stream()
                .min(Comparator.comparingDouble(ratio -> Math.abs(logRatio(ratio) - wanted)))
                .orElseThrow();
    }

    /** The OpenAI {@code size} for {@code model} nearest to {@code size}: 1792x1024 → 1536x1024 on gpt-image-1. */
    static ImageSize openAiSize(String model, ImageSize size) {
        double wantedRatio = logRatio(size.width(), size.height());
        double wantedArea = Math.log((double) size.width() * size.height());
        return openAiSizes(model).stream()
                .min(Comparator.<ImageSize>comparingDouble(
                        candidate -> Math.abs(logRatio(candidate.width(), candidate.height()) - wantedRatio))
                        .thenComparingDouble(candidate -> Math.abs(
                                Math.log((double) candidate.width() * candidate.height()) - wantedArea)))
                .orElseThrow();
    }

    /** DALL·E models need {@code response_format: b64_json}; GPT image models always answer base64 and refuse it. */
    static boolean openAiNeedsResponseFormat(String model) {
        return model.toLowerCase(Locale.ROOT).startsWith("dall-e");
    }

    private static List<ImageSize> openAiSizes(String model) {
        String lower = model.toLowerCase(Locale.ROOT);
        if (lower.startsWith("dall-e-3")) {
            return DALL_E_3_SIZES;
        }
        if (lower.startsWith("dall-e-2")) {
            return DALL_E_2_SIZES;
        }
        return GPT_IMAGE_SIZES;
    }

    private static double logRatio(String ratio) {
        String[] parts = ratio.split(":");
        return logRatio(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
    }

    private static double logRatio(int width, int height) {
        return Math.log((double) width / height);
    }
}
