package dev.atelier.gallery.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.atelier.gallery.TestImages;

class ImageTypeTest {

    @Test
    void pngJpegAndWebpAreRecognisedByTheirMagicBytes() {
        assertEquals(Optional.of(ImageType.PNG), ImageType.sniff(TestImages.png(4, 4)));
        assertEquals(Optional.of(ImageType.JPEG), ImageType.sniff(TestImages.jpeg(4, 4)));
        assertEquals(Optional.of(ImageType.WEBP), ImageType.sniff(TestImages.resource("lossy-1200x800.webp")));
    }

    @Test
    void anythingElseIsNotAnAcceptedType() {
        assertEquals(Optional.empty(), ImageType.sniff(TestImages.gif(4, 4)));
        assertEquals(Optional.empty(), ImageType.sniff(new byte[0]));
        assertEquals(Optional.empty(), ImageType.sniff(new byte[] { (byte) 0x89, 'P', 'N' }));
        assertEquals(Optional.empty(), ImageType.sniff("RIFF\0\0\0\0WAVEfmt ".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(Optional.empty(), ImageType.sniff("<?xml version=\"1.0\"?><svg/>".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void losslessWebpIsToldFromLossy() {
        assertTrue(ImageType.isLosslessWebp(TestImages.resource("alpha-300x200.webp")));
        assertFalse(ImageType.isLosslessWebp(TestImages.resource("lossy-1200x800.webp")));
    }

    @Test
    void aWebpWithBrokenChunkSizesIsNotLossless() {
        byte[] broken = "RIFF\0\0\0\0WEBPVP8X\u00ff\u00ff\u00ff\u007f".getBytes(StandardCharsets.ISO_8859_1);

        assertFalse(ImageType.isLosslessWebp(broken));
    }
}
