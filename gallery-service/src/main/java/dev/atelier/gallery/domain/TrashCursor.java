package dev.atelier.gallery.domain;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * Position after the last row of a trash page, in the order {@code (deleted_at desc, id desc)}. Opaque on the wire:
 * base64url of a kind byte, the microseconds since the epoch (PostgreSQL's precision) and the id. The kind byte
 * differs from {@link PageCursor}'s, so a gallery cursor is not taken for a trash cursor nor the reverse.
 */
public record TrashCursor(Instant deletedAt, UUID id) {
    private static final byte KIND = 'T';
    private static final int LENGTH = 1 + Long.BYTES + 2 * Long.BYTES;
    private static final long MICROS_PER_SECOND = 1_000_000L;
    private static final long NANOS_PER_MICRO = 1_000L;

    public TrashCursor {
        deletedAt = deletedAt.truncatedTo(ChronoUnit.MICROS);
    }

    public String encode() {
        long micros = Math.addExact(Math.multiplyExact(deletedAt.getEpochSecond(), MICROS_PER_SECOND),
                deletedAt.getNano() / NANOS_PER_MICRO);
        ByteBuffer buffer = ByteBuffer.allocate(LENGTH).put(KIND).putLong(micros)
                .putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
    }

    /** The cursor {@code value} stands for, or empty when it is not a trash cursor this service issued. */
    public static Optional<TrashCursor> decode(String value) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (bytes.length != LENGTH || bytes[0] != KIND) {
            return Optional.empty();
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes, 1, LENGTH - 1);
        long micros = buffer.getLong();
        UUID id = new UUID(buffer.getLong(), buffer.getLong());
        Instant deletedAt = Instant.ofEpochSecond(Math.floorDiv(micros, MICROS_PER_SECOND),
                Math.floorMod(micros, MICROS_PER_SECOND) * NANOS_PER_MICRO);
        return Optional.of(new TrashCursor(deletedAt, id));
    }
}
