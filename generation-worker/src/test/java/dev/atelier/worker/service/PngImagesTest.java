package dev.atelier.worker.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.atelier.worker.testing.TestImages;

class PngImagesTest {

    @Test
    void encodingIsLosslessPng() {
        BufferedImage image = TestImages.picture(160, 90);

        BufferedImage decoded = TestImages.read(PngImages.encode(image));

        assertEquals("160x90", decoded.getWidth() + "x" + decoded.getHeight());
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
}
