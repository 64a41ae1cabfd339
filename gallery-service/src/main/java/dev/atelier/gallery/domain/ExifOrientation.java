package dev.atelier.gallery.domain;

import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;

/**
 * The EXIF orientation of a JPEG (TIFF tag 0x0112). Stripping EXIF would leave a phone photo lying on its side, so
 * the orientation is applied to the pixels before the metadata goes.
 */
public final class ExifOrientation {
    /** Pixels are stored upright. */
    public static final int NORMAL = 1;

    private static final int MARKER = 0xFF;
    private static final int SOI = 0xD8;
    private static final int SOS = 0xDA;
    private static final int EOI = 0xD9;
    private static final int APP1 = 0xE1;
    private static final int RST0 = 0xD0;
    private static final int RST7 = 0xD7;
    private static final int TEM = 0x01;
    private static final int ORIENTATION_TAG = 0x0112;
    private static final int SHORT = 3;
    private static final int IFD_ENTRY = 12;
    private static final byte[] EXIF_HEADER = { 'E', 'x', 'i', 'f', 0, 0 };
    private static final int MAX_ORIENTATION = 8;

    private ExifOrientation() {
    }

    /**
     * The orientation (1–8) recorded in the JPEG's EXIF segment, or {@link #NORMAL} when there is none or it cannot be
     * read: an unreadable EXIF block is ignored, it is stripped anyway.
     */
    public static int of(byte[] jpeg) {
        if (jpeg.length < 4 || (jpeg[0] & 0xFF) != MARKER || (jpeg[1] & 0xFF) != SOI) {
            return NORMAL;
        }
        int offset = 2;
        while (offset + 4 <= jpeg.length) {
            if ((jpeg[offset] & 0xFF) != MARKER) {
                return NORMAL;
            }
            int marker = jpeg[offset + 1] & 0xFF;
            if (marker == MARKER) {
                offset++; // fill byte
                continue;
            }
            if (marker == SOS || marker == EOI) {
                return NORMAL; // EXIF comes before the image data
            }
            if (marker == TEM || marker >= RST0 && marker <= RST7) {
                offset += 2; // markers without a length
                continue;
            }
            int length = u16(jpeg, offset + 2, false);
            if (length < 2 || offset + 2 + length > jpeg.length) {
                return NORMAL;
            }
            if (marker == APP1 && length >= 2 + EXIF_HEADER.length && startsWithExif(jpeg, offset + 4)) {
                return fromTiff(jpeg, offset + 4 + EXIF_HEADER.length, length - 2 - EXIF_HEADER.length);
            }
            offset += 2 + length;
        }
        return NORMAL;
    }

    /** {@code image} turned upright for {@code orientation}; the same image for {@link #NORMAL} or an unknown value. */
    public static BufferedImage apply(BufferedImage image, int orientation) {
        if (orientation <= NORMAL || orientation > MAX_ORIENTATION) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        boolean swaps = orientation >= 5;
        // Where a source point (x, y) lands: x' = m00 x + m01 y + m02, y' = m10 x + m11 y + m12.
        AffineTransform transform = switch (orientation) {
            case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0); // mirrored
            case 3 -> new AffineTransform(-1, 0, 0, -1, w, h); // upside down
            case 4 -> new AffineTransform(1, 0, 0, -1, 0, h); // mirrored upside down
            case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0); // transposed
            case 6 -> new AffineTransform(0, 1, -1, 0, h, 0); // needs 90° clockwise
            case 7 -> new AffineTransform(0, -1, -1, 0, h, w); // transversed
            default -> new AffineTransform(0, -1, 1, 0, 0, w); // 8: needs 90° counter-clockwise
        };
        int type = image.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
        BufferedImage upright = new BufferedImage(swaps ? h : w, swaps ? w : h, type);
        Graphics2D g = upright.createGraphics();
        try {
            g.drawImage(image, transform, null);
        } finally {
            g.dispose();
        }
        return upright;
    }

    private static int fromTiff(byte[] bytes, int tiff, int length) {
        int end = tiff + length;
        if (length < 8) {
            return NORMAL;
        }
        boolean little;
        if (bytes[tiff] == 'I' && bytes[tiff + 1] == 'I') {
            little = true;
        } else if (bytes[tiff] == 'M' && bytes[tiff + 1] == 'M') {
            little = false;
        } else {
            return NORMAL;
        }
        long ifd = u32(bytes, tiff + 4, little);
        if (ifd < 8 || ifd > length - 2) {
            return NORMAL;
        }
        int entries = tiff + (int) ifd;
        int count = u16(bytes, entries, little);
        for (int i = 0; i < count; i++) {
            int entry = entries + 2 + i * IFD_ENTRY;
            if (entry + IFD_ENTRY > end) {
                return NORMAL;
            }
            if (u16(bytes, entry, little) == ORIENTATION_TAG) {
                if (u16(bytes, entry + 2, little) != SHORT) {
                    return NORMAL;
                }
                int value = u16(bytes, entry + 8, little);
                return value >= NORMAL && value <= MAX_ORIENTATION ? value : NORMAL;
            }
        }
        return NORMAL;
    }

    private static boolean startsWithExif(byte[] bytes, int offset) {
        for (int i = 0; i < EXIF_HEADER.length; i++) {
            if (bytes[offset + i] != EXIF_HEADER[i]) {
                return false;
            }
        }
        return true;
    }

    private static int u16(byte[] bytes, int offset, boolean little) {
        int a = bytes[offset] & 0xFF;
        int b = bytes[offset + 1] & 0xFF;
        return little ? b << 8 | a : a << 8 | b;
    }

    private static long u32(byte[] bytes, int offset, boolean little) {
        long value = 0;
        for (int i = 0; i < 4; i++) {
            int shift = little ? 8 * i : 8 * (3 - i);
            value |= (bytes[offset + i] & 0xFFL) << shift;
        }
        return value;
    }
}
