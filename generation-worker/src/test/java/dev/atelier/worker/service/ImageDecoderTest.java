package dev.atelier.worker.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.atelier.worker.domain.GenerationException;
import dev.atelier.worker.domain.ImageFormat;
import dev.atelier.worker.service.ImageDecoder.DecodedImage;
import dev.atelier.worker.testing.TestConfigs;
import dev.atelier.worker.testing.TestImages;

class ImageDecoderTest {
    private final ImageDecoder decoder = new ImageDecoder(TestConfigs.worker());

    @Test
    void aPngIsDecodedAndKeptAsReturned() {
        byte[] png = TestImages.png(TestImages.picture(320, 200));

        DecodedImage image = decoder.decode(png);

        assertEquals(ImageFormat.PNG, image.format());
        assertArrayEquals(png, image.encoded());
        assertEquals(320, image.width());
        assertEquals(200, image.height());
    }

    @Test
    void aJpegIsRecognisedByItsMagicBytes() {
        DecodedImage image = decoder.decode(TestImages.jpeg(TestImages.picture(300, 300)));

        assertEquals(ImageFormat.JPEG, image.format());
        assertEquals(300, image.width());
    }

    @Test
    void webpIsRead() {
        DecodedImage lossy = decoder.decode(TestImages.webp("lossy-96x64.webp"));
        DecodedImage lossless = decoder.decode(TestImages.webp("lossless-alpha-96x64.webp"));

        assertEquals(ImageFormat.WEBP, lossy.format());
        assertEquals("96x64", lossy.width() + "x" + lossy.height());
        assertEquals(ImageFormat.WEBP, lossless.format());
        assertTrue(lossless.pixels().getColorModel().hasAlpha(), "transparency kept for the variants to flatten");
    }

    @Test
    void theActualSizeIsReportedEvenWhenTinyOrNotTheRequestedOne() {
        DecodedImage tiny = decoder.decode(TestImages.png(TestImages.flat(8, 8, Color.ORANGE)));

        assertEquals("8x8", tiny.width() + "x" + tiny.height());
    }

    @Test
    void somethingThatIsNotAnImageIsInvalid() {
        assertInvalid(new byte[] { '{', '"', 'e', 'r', 'r', 'o', 'r', '"', '}' });
        assertInvalid(new byte[0]);
        assertInvalid(null);
    }

    @Test
    void anImageFormatOtherThanPngJpegOrWebpIsInvalid() {
        assertInvalid(TestImages.gif(TestImages.picture(64, 64)));
    }

    @Test
    void aTruncatedImageIsInvalid() {
        byte[] jpeg = TestImages.jpeg(TestImages.picture(256, 256));
        byte[] png = TestImages.png(TestImages.picture(256, 256));

        assertInvalid(Arrays.copyOf(jpeg, jpeg.length / 2));
        assertInvalid(Arrays.copyOf(png, png.length / 2));
    }

    @Test
    void aHeaderDeclaringTooManyPixelsIsRefusedWithoutDecodingThem() {
        // 60000 x 60000 x 4 bytes would be 14 GB of pixels: this only passes when the header is checked first.
        GenerationException refused = assertInvalid(TestImages.pngDeclaring(60_000, 60_000));

        assertTrue(refused.getMessage().contains("60000x60000"), refused.getMessage());
    }

    @Test
    void thePixelLimitIsConfigurable() {
        ImageDecoder strict = new ImageDecoder(TestConfigs.worker(Map.of("image.max-pixels", "10000")));

        assertEquals(100, strict.decode(TestImages.png(TestImages.picture(100, 100))).width());
        assertThrows(GenerationException.class, () -> strict.decode(TestImages.png(TestImages.picture(101, 100))));
    }

    @Test
    void aZeroSizeIsInvalid() {
        assertInvalid(TestImages.pngDeclaring(0, 64));
    }

    @Test
    void anImageStretchedBeyondTheAspectRatioLimitIsInvalid() {
        assertInvalid(TestImages.png(TestImages.flat(500, 100, Color.BLUE)));
        assertEquals(400, decoder.decode(TestImages.png(TestImages.picture(400, 100))).width(), "4:1 is accepted");
    }

    @Test
    void anImageWithTooManyBytesIsInvalid() {
        ImageDecoder small = new ImageDecoder(TestConfigs.worker(Map.of("image.max-bytes", "100")));

        assertInvalid(small, TestImages.png(TestImages.picture(64, 64)));
    }

    private GenerationException assertInvalid(byte[] data) {
        return assertInvalid(decoder, data);
    }

    private static GenerationException assertInvalid(ImageDecoder decoder, byte[] data) {
        GenerationException refused = assertThrows(GenerationException.class, () -> decoder.decode(data));
        assertEquals(GenerationException.INVALID_IMAGE, refused.code());
        assertFalse(refused.retryable());
        return refused;
    }
}
