package dev.atelier.worker.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.atelier.worker.domain.ImageFormat;
import dev.atelier.worker.service.ImageVariants.Variants;
import dev.atelier.worker.testing.TestConfigs;
import dev.atelier.worker.testing.TestImages;

class ImageVariantsTest {
    private final ImageDecoder decoder = new ImageDecoder(TestConfigs.worker());
    private final ImageVariants variants = new ImageVariants(TestConfigs.worker());

    private Variants of(byte[] encoded) {
        return variants.of(decoder.decode(encoded));
    }

    @Test
    void theOriginalIsStoredExactlyAsTheProviderReturnedIt() {
        byte[] png = TestImages.png(TestImages.picture(640, 480));
        byte[] jpeg = TestImages.jpeg(TestImages.picture(640, 480));
        byte[] webp = TestImages.webp("lossy-96x64.webp");

        assertArrayEquals(png, of(png).original());
        assertEquals(ImageFormat.PNG, of(png).originalFormat());
        assertArrayEquals(jpeg, of(jpeg).original());
        assertEquals(ImageFormat.JPEG, of(jpeg).originalFormat());
        assertArrayEquals(webp, of(webp).original());
        assertEquals(ImageFormat.WEBP, of(webp).originalFormat());
    }

    @Test
    void theContentHashIsTheSha256OfTheOriginalBytes() {
        byte[] png = TestImages.png(TestImages.picture(100, 100));

        assertEquals(PngImages.sha256Hex(png), of(png).contentHash());
    }

    @Test
    void aThumbnailsLongestSideIs256AndItKeepsTheAspectRatio() {
        assertSize(256, 256, of(TestImages.png(TestImages.picture(1024, 1024))).thumb());
        assertSize(256, 192, of(TestImages.png(TestImages.picture(1024, 768))).thumb());
        assertSize(77, 256, of(TestImages.png(TestImages.picture(300, 1000))).thumb());
        assertSize(256, 179, of(TestImages.png(TestImages.picture(1000, 700))).thumb());
    }

    @Test
    void derivativesAreJpeg() {
        Variants large = of(TestImages.png(TestImages.picture(2048, 1024)));

        assertEquals(ImageFormat.JPEG, ImageFormat.sniff(large.thumb()).orElseThrow());
        assertEquals(ImageFormat.JPEG, ImageFormat.sniff(large.medium()).orElseThrow());
        assertTrue(large.medium().length < large.original().length, "compressed");
    }

    @Test
    void aMediumIsMadeOnlyForImagesLargerThan1024() {
        Variants large = of(TestImages.png(TestImages.picture(2048, 1024)));
        Variants exact = of(TestImages.png(TestImages.picture(1024, 1024)));

        assertNotNull(large.medium());
        assertSize(1024, 512, large.medium());
        assertSize(256, 128, large.thumb());
        assertNull(exact.medium());
    }

    @Test
    void anImageSmallerThanAThumbnailIsNotUpscaled() {
        Variants tiny = of(TestImages.png(TestImages.flat(16, 12, Color.PINK)));

        assertSize(16, 12, tiny.thumb());
        assertEquals(16, tiny.width());
        assertEquals(12, tiny.height());
    }

    @Test
    void transparencyIsFlattenedOntoWhite() {
        // The left half of this WebP is fully transparent.
        Variants variants = of(TestImages.webp("lossless-alpha-96x64.webp"));

        BufferedImage thumb = TestImages.read(variants.thumb());
        Color left = new Color(thumb.getRGB(5, 32));
        assertTrue(left.getRed() > 245 && left.getGreen() > 245 && left.getBlue() > 245, "white, got " + left);
        assertEquals(BufferedImage.TYPE_INT_RGB, variants.thumbPixels().getType());
    }

    @Test
    void theJpegQualityIsConfigurable() {
        byte[] png = TestImages.png(TestImages.picture(512, 512));
        ImageVariants low = new ImageVariants(TestConfigs.worker(Map.of("image.jpeg-quality", "0.3")));

        assertTrue(low.of(decoder.decode(png)).thumb().length < of(png).thumb().length);
    }

    private static void assertSize(int width, int height, byte[] encoded) {
        BufferedImage image = TestImages.read(encoded);
        assertEquals(width + "x" + height, image.getWidth() + "x" + image.getHeight());
    }
}
