package dev.atelier.gallery.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.awt.image.BufferedImage;
import java.util.Arrays;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.atelier.gallery.TestImages;

class ExifOrientationTest {

    @ParameterizedTest
    @ValueSource(ints = { 1, 2, 3, 4, 5, 6, 7, 8 })
    void theOrientationIsReadFromTheExifSegment(int orientation) {
        assertEquals(orientation, ExifOrientation.of(TestImages.jpegWithExif(TestImages.picture(8, 8), orientation)));
    }

    @ParameterizedTest
    @ValueSource(ints = { 0, 9, 400 })
    void anOutOfRangeOrientationCountsAsNormal(int orientation) {
        assertEquals(ExifOrientation.NORMAL, ExifOrientation.of(TestImages.jpegWithExif(TestImages.picture(8, 8),
                orientation)));
    }

    @org.junit.jupiter.api.Test
    void aJpegWithoutExifOrGarbageIsNormal() {
        assertEquals(ExifOrientation.NORMAL, ExifOrientation.of(TestImages.jpeg(8, 8)));
        assertEquals(ExifOrientation.NORMAL, ExifOrientation.of(new byte[0]));
        byte[] withExif = TestImages.jpegWithExif(TestImages.picture(8, 8), 6);
        // Cut inside the EXIF segment: the length no longer fits, nothing is read past the end.
        assertEquals(ExifOrientation.NORMAL, ExifOrientation.of(Arrays.copyOf(withExif, 30)));
    }

    /** Pixel (0,0) of a 3x2 image with distinct pixels lands at (x, y) after applying the orientation. */
    @ParameterizedTest
    @CsvSource({ "2, 3, 2, 2, 0", "3, 3, 2, 2, 1", "4, 3, 2, 0, 1", "5, 2, 3, 0, 0", "6, 2, 3, 1, 0", "7, 2, 3, 1, 2",
            "8, 2, 3, 0, 2" })
    void applyingTheOrientationTurnsThePixelsUpright(int orientation, int width, int height, int x, int y) {
        BufferedImage image = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < 6; i++) {
            image.setRGB(i % 3, i / 3, 0x101010 * (i + 1));
        }

        BufferedImage upright = ExifOrientation.apply(image, orientation);

        assertEquals(width + "x" + height, upright.getWidth() + "x" + upright.getHeight());
        assertEquals(image.getRGB(0, 0) & 0xFFFFFF, upright.getRGB(x, y) & 0xFFFFFF);
    }

    @org.junit.jupiter.api.Test
    void normalLeavesTheImageAlone() {
        BufferedImage image = TestImages.picture(4, 4);

        assertSame(image, ExifOrientation.apply(image, ExifOrientation.NORMAL));
    }
}
