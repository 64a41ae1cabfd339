package dev.atelier.worker.provider;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.atelier.worker.domain.Emotion;
import dev.atelier.worker.domain.ImageSize;
import dev.atelier.worker.domain.RenderSpec;
import dev.atelier.worker.domain.Style;
import dev.atelier.worker.service.PngImages;

class ProceduralRendererTest {
    private static final String PROMPT = "a red fox in a snowy forest at dawn";
    private static final ImageSize SMALL = new ImageSize(256, 256);

    private final ProceduralRenderer renderer = new ProceduralRenderer();

    private static RenderSpec spec(String prompt, Style style, long seed, int index, ImageSize size) {
        return new RenderSpec(prompt, style, Optional.empty(), seed, index, size);
    }

    private byte[] png(RenderSpec spec) {
        return PngImages.encode(renderer.render(spec));
    }

    @ParameterizedTest
    @EnumSource(Style.class)
    void theSameSpecGivesIdenticalBytes(Style style) {
        RenderSpec spec = spec(PROMPT, style, 42, 1, new ImageSize(320, 200));

        assertArrayEquals(png(spec), png(spec));
        assertArrayEquals(png(spec), PngImages.encode(new ProceduralRenderer().render(spec)), "another instance");
    }

    @ParameterizedTest
    @EnumSource(Style.class)
    void anotherSeedGivesAnotherImage(Style style) {
        assertFalse(Arrays.equals(png(spec(PROMPT, style, 42, 0, SMALL)), png(spec(PROMPT, style, 43, 0, SMALL))));
    }

    @ParameterizedTest
    @EnumSource(Style.class)
    void eachImageOfAJobIsDifferent(Style style) {
        assertFalse(Arrays.equals(png(spec(PROMPT, style, 42, 0, SMALL)), png(spec(PROMPT, style, 42, 1, SMALL))));
    }

    @ParameterizedTest
    @EnumSource(Style.class)
    void eachStyleGivesADecodablePngOfTheRequestedSize(Style style) throws IOException {
        for (ImageSize size : List.of(new ImageSize(1024, 1024), new ImageSize(640, 400), new ImageSize(300, 500))) {
            byte[] bytes = png(spec(PROMPT, style, 7, 0, size));

            assertArrayEquals(new byte[] { (byte) 0x89, 'P', 'N', 'G' }, Arrays.copyOf(bytes, 4), "PNG signature");
            BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(bytes));
            assertNotNull(decoded, "ImageIO decodes it");
            assertEquals(size.width(), decoded.getWidth());
            assertEquals(size.height(), decoded.getHeight());
        }
    }

    /**
     * Each style has a signature that only its own images show: minimal is mostly one plain colour, vibrant is
     * saturated, realistic runs in horizontal bands (sky, landscape layers) under a soft grain, artistic is a
     * texture of translucent strokes: no plain ground, no hard edges, moderate saturation.
     */
    @Test
    void eachStyleIsRecognisableByItsOwnSignature() {
        Map<Style, Predicate<Statistics>> signatures = Map.of(
                Style.MINIMAL, s -> s.dominantShare() > 0.8,
                Style.VIBRANT, s -> s.meanSaturation() > 0.7,
                Style.REALISTIC, s -> s.rowShare() > 0.45 && s.rowShare() > 3 * s.columnShare() && s.meanGradient() > 1.5,
                Style.ARTISTIC, s -> s.dominantShare() < 0.1 && s.meanSaturation() < 0.6 && s.meanGradient() < 1.5);
        for (String prompt : List.of(PROMPT, "blue ocean waves", "quiet city")) {
            for (long seed : List.of(1L, 99L, 12345L)) {
                for (Style style : Style.values()) {
                    Statistics statistics = Statistics.of(renderer.render(spec(prompt, style, seed, 0, SMALL)));
                    for (Style signature : Style.values()) {
                        assertEquals(signature == style, signatures.get(signature).test(statistics),
                                style + " image of '" + prompt + "' seed " + seed + " vs the " + signature
                                        + " signature: " + statistics);
                    }
                }
            }
        }
    }

    @Test
    void thePromptsWordsSteerThePalette() {
        Statistics red = Statistics.of(renderer.render(spec("red fire", Style.ARTISTIC, 5, 0, SMALL)));
        Statistics blue = Statistics.of(renderer.render(spec("blue ocean", Style.ARTISTIC, 5, 0, SMALL)));
        Statistics green = Statistics.of(renderer.render(spec("green forest", Style.ARTISTIC, 5, 0, SMALL)));

        assertTrue(red.meanRed() > red.meanBlue() && red.meanRed() > red.meanGreen(), "red fire: " + red);
        assertTrue(blue.meanBlue() > blue.meanRed() && blue.meanBlue() > blue.meanGreen(), "blue ocean: " + blue);
        assertTrue(green.meanGreen() > green.meanRed() && green.meanGreen() > green.meanBlue(), "green forest: " + green);
    }

    @ParameterizedTest
    @EnumSource(Style.class)
    void theEmotionShiftsBrightnessAndSaturation(Style style) {
        Statistics mysterious = Statistics.of(renderer.render(withEmotion(style, Emotion.MYSTERIOUS)));
        Statistics hopeful = Statistics.of(renderer.render(withEmotion(style, Emotion.HOPEFUL)));
        Statistics melancholic = Statistics.of(renderer.render(withEmotion(style, Emotion.MELANCHOLIC)));
        Statistics energetic = Statistics.of(renderer.render(withEmotion(style, Emotion.ENERGETIC)));

        assertTrue(mysterious.meanLuminance() < hopeful.meanLuminance(), mysterious + " vs " + hopeful);
        assertTrue(melancholic.meanSaturation() < energetic.meanSaturation(), melancholic + " vs " + energetic);
    }

    private static RenderSpec withEmotion(Style style, Emotion emotion) {
        return new RenderSpec("quiet city", style, Optional.of(emotion), 5, 0, SMALL);
    }

    /** Colour and structure statistics of an image. */
    record Statistics(double meanRed, double meanGreen, double meanBlue, double meanLuminance, double meanSaturation,
            double dominantShare, double rowShare, double columnShare, double meanGradient) {

        static Statistics of(BufferedImage image) {
            int width = image.getWidth();
            int height = image.getHeight();
            int n = width * height;
            double[][] luminance = new double[height][width];
            double red = 0;
            double green = 0;
            double blue = 0;
            double saturation = 0;
            Map<Integer, Integer> colours = new HashMap<>();
            float[] hsb = new float[3];
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int rgb = image.getRGB(x, y) & 0xffffff;
                    colours.merge(rgb, 1, Integer::sum);
                    int r = rgb >> 16 & 0xff;
                    int g = rgb >> 8 & 0xff;
                    int b = rgb & 0xff;
                    red += r;
                    green += g;
                    blue += b;
                    saturation += Color.RGBtoHSB(r, g, b, hsb)[1];
                    luminance[y][x] = 0.299 * r + 0.587 * g + 0.114 * b;
                }
            }
            double mean = 0;
            for (double[] row : luminance) {
                for (double value : row) {
                    mean += value / n;
                }
            }
            // Share of the luminance variance explained by row means (horizontal bands) and by column means.
            double total = 0;
            double[] rowMeans = new double[height];
            double[] columnMeans = new double[width];
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    double value = luminance[y][x];
                    total += (value - mean) * (value - mean);
                    rowMeans[y] += value / width;
                    columnMeans[x] += value / height;
                }
            }
            double rows = 0;
            for (double rowMean : rowMeans) {
                rows += width * (rowMean - mean) * (rowMean - mean);
            }
            double columns = 0;
            for (double columnMean : columnMeans) {
                columns += height * (columnMean - mean) * (columnMean - mean);
            }
            double gradient = 0;
            for (int y = 0; y < height - 1; y++) {
                for (int x = 0; x < width - 1; x++) {
                    gradient += Math.abs(luminance[y][x + 1] - luminance[y][x])
                            + Math.abs(luminance[y + 1][x] - luminance[y][x]);
                }
            }
            int dominant = colours.values().stream().mapToInt(Integer::intValue).max().orElse(0);
            return new Statistics(red / n, green / n, blue / n, mean, saturation / n, dominant / (double) n,
                    total == 0 ? 0 : rows / total, total == 0 ? 0 : columns / total, gradient / n);
        }
    }
}
