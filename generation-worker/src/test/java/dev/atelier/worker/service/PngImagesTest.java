package dev.atelier.worker.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import dev.atelier.worker.domain.ImageSize;
import dev.atelier.worker.domain.RenderSpec;
import dev.atelier.worker.domain.Style;
import dev.atelier.worker.provider.ProceduralRenderer;

class PngImagesTest {

    private static BufferedImage rendered(int width, int height) {
        return new ProceduralRenderer().render(new RenderSpec("thumbnail test", Style.VIBRANT, Optional.empty(), 3, 0,
                new ImageSize(width, height)));
    }

    @Test
    void aThumbnailsLongestSideIs256AndItKeepsTheAspectRatio() {
        assertSize(256, 256, PngImages.thumbnail(rendered(1024, 1024), 256));
        assertSize(256, 192, PngImages.thumbnail(rendered(1024, 768), 256));
        assertSize(77, 256, PngImages.thumbnail(rendered(300, 1000), 256));
        assertSize(256, 179, PngImages.thumbnail(rendered(1000, 700), 256));
    }

    @Test
    void anImageAlreadySmallerThanAThumbnailIsNotUpscaled() {
        BufferedImage small = rendered(200, 120);

        assertSame(small, PngImages.thumbnail(small, 256));
    }

    @Test
    void encodingIsLosslessPng() throws IOException {
        BufferedImage image = rendered(160, 90);

        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(PngImages.encode(image)));

        assertSize(160, 90, decoded);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                assertEquals(image.getRGB(x, y), decoded.getRGB(x, y), "pixel " + x + "," + y);
            }
        }
    }

    @Test
    void theContentHashIsLowerCaseHexSha256() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                PngImages.sha256Hex("abc".getBytes(StandardCharsets.US_ASCII)));
    }

    private static void assertSize(int width, int height, BufferedImage image) {
        assertEquals(width + "x" + height, image.getWidth() + "x" + image.getHeight());
    }
}
