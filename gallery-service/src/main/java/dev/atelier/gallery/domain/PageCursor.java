package dev.atelier.gallery.domain;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * Position after the last row of a page, in the page order {@code (created_at desc, id desc)}. On the wire it is
 * opaque: base64url of a version byte, the microseconds since the epoch (PostgreSQL's precision, so the
 * position round-trips exactly) and the id.
 */
public record PageCursor(Instant createdAt, UUID id) {
    private static final byte VERSION = 1;
    private static final int LENGTH = 1 + Long.BYTES + 2 * Long.BYTES;
    private static final long MICROS_PER_SECOND = 1_000_000L;
    private static final long NANOS_PER_MICRO = 1_000L;

    public PageCursor {
        createdAt = createdAt.truncatedTo(ChronoUnit.MICROS);
    }

    public String encode() {
        long micros = Math.addExact(Math.multiplyExact(createdAt.getEpochSecond(), MICROS_PER_SECOND),
                createdAt.getNano() / NANOS_PER_MICRO);
        ByteBuffer buffer = ByteBuffer.allocate(LENGTH).put(VERSION).putLong(micros)
                .putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
    }

    /** The cursor {@code value} stands for, or empty when it is not one this service issued. */
    public static Optional<PageCursor> decode(String value) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (bytes.length != LENGTH || bytes[0] != VERSION) {
            return Optional.empty();
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes, 1, LENGTH - 1);
        long micros = buffer.getLong();
        UUID id = new UUID(buffer.getLong(), buffer.getLong());
        Instant createdAt = Instant.ofEpochSecond(Math.floorDiv(micros, MICROS_PER_SECOND),
                Math.floorMod(micros, MICROS_PER_SECOND) * NANOS_PER_MICRO);
        return Optional.of(new PageCursor(createdAt, id));
    }
}
