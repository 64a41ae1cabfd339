package dev.atelier.gallery.domain;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The image formats an upload may be in, told apart by their first bytes only: a file name or a declared content
 * type is the client's claim, the magic bytes are what a decoder will actually see.
 */
public enum ImageType {
    PNG,
    JPEG,
    WEBP;

    /** Bytes {@link #sniff} needs to tell every type apart. */
    public static final int MAGIC_LENGTH = 16;

    private static final byte[] PNG_SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
    private static final byte[] JPEG_SOI = { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF };
    private static final byte[] RIFF = ascii("RIFF");
    private static final byte[] WEBP_FOURCC = ascii("WEBP");
    private static final byte[] VP8 = ascii("VP8 ");
    private static final byte[] VP8L = ascii("VP8L");
    private static final int WEBP_CHUNKS = 12;
    private static final int CHUNK_HEADER = 8;

    /** The type {@code head} (the file's first bytes, at least {@link #MAGIC_LENGTH} when the file has them) starts as. */
    public static Optional<ImageType> sniff(byte[] head) {
        if (startsWith(head, 0, PNG_SIGNATURE)) {
            return Optional.of(PNG);
        }
        if (startsWith(head, 0, JPEG_SOI)) {
            return Optional.of(JPEG);
        }
        if (startsWith(head, 0, RIFF) && startsWith(head, 8, WEBP_FOURCC)) {
            return Optional.of(WEBP);
        }
        return Optional.empty();
    }

    /**
     * Whether a WebP file holds a lossless (VP8L) image rather than a lossy (VP8) one: the first image chunk
     * decides, found by walking the RIFF chunks (an extended file starts with a VP8X chunk, maybe ICC/animation).
     */
    public static boolean isLosslessWebp(byte[] file) {
        int offset = WEBP_CHUNKS;
        while (offset + CHUNK_HEADER <= file.length) {
            if (startsWith(file, offset, VP8L)) {
                return true;
            }
            if (startsWith(file, offset, VP8)) {
                return false;
            }
            long size = (file[offset + 4] & 0xFFL) | (file[offset + 5] & 0xFFL) << 8 | (file[offset + 6] & 0xFFL) << 16
                    | (file[offset + 7] & 0xFFL) << 24;
            // An animation frame (ANMF) nests its image chunk after a 16-byte frame header: look inside it.
            long next = startsWith(file, offset, ascii("ANMF")) ? offset + CHUNK_HEADER + 16
                    : offset + CHUNK_HEADER + size + (size & 1);
            if (next <= offset || next > Integer.MAX_VALUE) {
                return false;
            }
            offset = (int) next;
        }
        return false;
    }

    /** Lower-case name, as stored in {@code images.format}. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    private static boolean startsWith(byte[] bytes, int offset, byte[] prefix) {
        return bytes.length >= offset + prefix.length
                && Arrays.equals(bytes, offset, offset + prefix.length, prefix, 0, prefix.length);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
