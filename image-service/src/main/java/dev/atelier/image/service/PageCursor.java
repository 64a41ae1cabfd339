package dev.atelier.image.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * A keyset position in a newest-first list: the (createdAt, id) of the last item returned. Encoded as opaque
 * base64url so clients don't build cursors themselves.
 */
public record PageCursor(Instant createdAt, UUID id) {
    private static final String SEPARATOR = "|";

    public String encode() {
        String raw = createdAt.getEpochSecond() + "." + createdAt.getNano() + SEPARATOR + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException if the text is not a cursor this service produced */
    public static PageCursor decode(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int separator = raw.indexOf(SEPARATOR);
            int dot = raw.indexOf('.');
            if (separator < 0 || dot < 0 || dot > separator) {
                throw new IllegalArgumentException("not a cursor");
            }
            long seconds = Long.parseLong(raw.substring(0, dot));
            int nanos = Integer.parseInt(raw.substring(dot + 1, separator));
            UUID id = UUID.fromString(raw.substring(separator + 1));
            return new PageCursor(Instant.ofEpochSecond(seconds, nanos), id);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a cursor", e);
        }
    }
}
