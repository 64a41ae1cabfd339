package dev.atelier.worker.domain;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The encodings a provider may return, recognised by their magic bytes (never by what the provider claims).
 * {@code format} is what {@code GeneratedImage.format} and the gallery record; {@code extension} ends the object key.
 */
public enum ImageFormat {
    PNG("png", "png", "image/png"),
    JPEG("jpeg", "jpg", "image/jpeg"),
    WEBP("webp", "webp", "image/webp");

    /** Bytes needed to tell the formats apart. */
    public static final int MAGIC_LENGTH = 12;

    private static final byte[] PNG_MAGIC = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
    private static final byte[] JPEG_MAGIC = { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF };
    private static final byte[] RIFF = "RIFF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] WEBP_FOURCC = "WEBP".getBytes(StandardCharsets.US_ASCII);
    private static final int WEBP_FOURCC_OFFSET = 8;

    private final String format;
    private final String extension;
    private final String contentType;

    ImageFormat(String format, String extension, String contentType) {
        this.format = format;
        this.extension = extension;
        this.contentType = contentType;
    }

    public String format() {
        return format;
    }

    public String extension() {
        return extension;
    }

    public String contentType() {
        return contentType;
    }

    /** The format {@code data} starts like; empty when it is none of them. */
    public static Optional<ImageFormat> sniff(byte[] data) {
        if (data == null) {
            return Optional.empty();
        }
        if (startsWith(data, 0, PNG_MAGIC)) {
            return Optional.of(PNG);
        }
        if (startsWith(data, 0, JPEG_MAGIC)) {
            return Optional.of(JPEG);
        }
        if (startsWith(data, 0, RIFF) && startsWith(data, WEBP_FOURCC_OFFSET, WEBP_FOURCC)) {
            return Optional.of(WEBP);
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] data, int offset, byte[] magic) {
        return data.length >= offset + magic.length
                && Arrays.equals(data, offset, offset + magic.length, magic, 0, magic.length);
    }
}
