package dev.atelier.worker.moderation;

import java.awt.image.BufferedImage;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.atelier.worker.config.WorkerConfig;

/**
 * {@code local} (the default): offline, cheap and deterministic rules that need no model.
 *
 * <p>
 * One rule today: a <b>blank image</b> is refused, one where at least {@code moderation.local.max-flat-fraction}
 * of the pixels have a single flat colour (every channel within {@code flat-tolerance} of it). Diffusion pipelines
 * answer a request their safety checker caught with exactly such an image (Stable Diffusion's checker returns an
 * all-black one), and a failed render looks the same: storing it would show and charge the user for nothing.
 * The default, 0.999, leaves room for sparse art: the flattest of 600 local {@code minimal} renders, two thin lines
 * on a plain ground, is 0.9946 flat. Counted on the thumbnail-sized pixels (at most 65,536): well under a
 * millisecond.
 */
@ApplicationScoped
public class LocalImageModerator implements ImageModerator {
    public static final String NAME = "local";
    public static final String BLANK = "blank";

    private static final int CHANNEL_BITS = 4;
    private static final int BINS = 1 << (3 * CHANNEL_BITS);
    private static final int MASK = 0xFF;

    private final double maxFlatFraction;
    private final int tolerance;

    @Inject
    public LocalImageModerator(WorkerConfig config) {
        this(config.moderation().local().maxFlatFraction(), config.moderation().local().flatTolerance());
    }

    LocalImageModerator(double maxFlatFraction, int tolerance) {
        this.maxFlatFraction = maxFlatFraction;
        this.tolerance = tolerance;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ModerationVerdict moderate(ModerationImage image) {
        return flatFraction(image.pixels()) >= maxFlatFraction
                ? ModerationVerdict.flagged(List.of(BLANK))
                : ModerationVerdict.allowed();
    }

    /** The share of pixels (0 to 1) that have the image's most common colour, within the tolerance. */
    double flatFraction(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        int[] rgb = image.getRGB(0, 0, width, height, null, 0, width);
        // The most common colour, coarsely: a histogram of the top bits of each channel.
        int[] histogram = new int[BINS];
        for (int pixel : rgb) {
            histogram[bin(pixel)]++;
        }
        int mode = 0;
        for (int bin = 1; bin < BINS; bin++) {
            if (histogram[bin] > histogram[mode]) {
                mode = bin;
            }
        }
        // Its exact colour: the mean of the pixels in that bin.
        long red = 0;
        long green = 0;
        long blue = 0;
        for (int pixel : rgb) {
            if (bin(pixel) == mode) {
                red += (pixel >> 16) & MASK;
                green += (pixel >> 8) & MASK;
                blue += pixel & MASK;
            }
        }
        int count = histogram[mode];
        int meanRed = (int) (red / count);
        int meanGreen = (int) (green / count);
        int meanBlue = (int) (blue / count);
        int flat = 0;
        for (int pixel : rgb) {
            if (Math.abs(((pixel >> 16) & MASK) - meanRed) <= tolerance
                    && Math.abs(((pixel >> 8) & MASK) - meanGreen) <= tolerance
                    && Math.abs((pixel & MASK) - meanBlue) <= tolerance) {
                flat++;
            }
        }
        return flat / (double) rgb.length;
    }

    private static int bin(int pixel) {
        int shift = 8 - CHANNEL_BITS;
        return (((pixel >> 16) & MASK) >> shift) << (2 * CHANNEL_BITS)
                | (((pixel >> 8) & MASK) >> shift) << CHANNEL_BITS
                | ((pixel & MASK) >> shift);
    }
}
