package dev.atelier.events;

import java.util.Map;
import java.util.UUID;

/**
 * One image written to S3. {@code keys} maps a variant ({@code original}, {@code thumb}, …) to its object key
 * (see {@link StorageKeys}). {@code contentHash} is the hex SHA-256 of the original's bytes.
 */
public record GeneratedImage(
        UUID imageId,
        int index,
        String format,
        int width,
        int height,
        long bytes,
        String contentHash,
        Map<String, String> keys) {
}
