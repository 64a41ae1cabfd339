package dev.atelier.gallery.domain;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * The position after the last row of a page of a gallery list, for any filter and order: the row's
 * {@code (created_at, id)} and, in {@link ListOrder#RELEVANCE} order, its similarity score (the {@code real}
 * PostgreSQL computed, kept bit for bit so the keyset comparison is exact). It also carries the order and the
 * filter's fingerprint, so it is refused with a different search instead of silently skipping rows.
 * <p>
 * On the wire it is opaque base64url: version 2, order, fingerprint, microseconds since the epoch (PostgreSQL's
 * precision), id, and the score in relevance order. It is not a secret and needs no signature: whatever a client
 * puts in it, the query still only reads the caller's own rows.
 */
public record ListCursor(ListOrder order, long fingerprint, Float score, Instant createdAt, UUID id) {
    private static final byte VERSION = 2;
    /** Order codes on the wire: index in this array, independent of the enum's declaration order. */
    private static final ListOrder[] ORDERS = { ListOrder.NEWEST, ListOrder.OLDEST, ListOrder.RELEVANCE };
    /** Version, order, fingerprint, micros, id; a relevance cursor adds the score. */
    private static final int LENGTH = 1 + 1 + Long.BYTES + Long.BYTES + 2 * Long.BYTES;
    /** Positions outside these years were never issued, and PostgreSQL could not compare them anyway. */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");
    private static final long MICROS_PER_SECOND = 1_000_000L;
    private static final long NANOS_PER_MICRO = 1_000L;

    public ListCursor {
        createdAt = createdAt.truncatedTo(ChronoUnit.MICROS);
        if ((order == ListOrder.RELEVANCE) != (score != null)) {
            throw new IllegalArgumentException("a score belongs in relevance order, and only there");
        }
    }

    public String encode() {
        long micros = Math.addExact(Math.multiplyExact(createdAt.getEpochSecond(), MICROS_PER_SECOND),
                createdAt.getNano() / NANOS_PER_MICRO);
        ByteBuffer buffer = ByteBuffer.allocate(LENGTH + (score == null ? 0 : Float.BYTES))
                .put(VERSION).put(code(order)).putLong(fingerprint).putLong(micros)
                .putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
        if (score != null) {
            buffer.putFloat(score);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
    }

    /**
     * The cursor {@code value} stands for, or empty when it is not one this service issued. Cursors of the first
     * release ({@link PageCursor}, newest first without filters) are still understood.
     */
    public static Optional<ListCursor> decode(String value) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (bytes.length > 0 && bytes[0] != VERSION) {
            return PageCursor.decode(value).filter(old -> plausible(old.createdAt()))
                    .map(old -> new ListCursor(ListOrder.NEWEST, ImageFilter.NONE.fingerprint(ListOrder.NEWEST), null,
                            old.createdAt(), old.id()));
        }
        if (bytes.length < LENGTH || bytes[1] < 0 || bytes[1] >= ORDERS.length) {
            return Optional.empty();
        }
        ListOrder order = ORDERS[bytes[1]];
        boolean scored = order == ListOrder.RELEVANCE;
        if (bytes.length != LENGTH + (scored ? Float.BYTES : 0)) {
            return Optional.empty();
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes, 2, bytes.length - 2);
        long fingerprint = buffer.getLong();
        long micros = buffer.getLong();
        UUID id = new UUID(buffer.getLong(), buffer.getLong());
        Float score = scored ? buffer.getFloat() : null;
        if (score != null && !(score >= 0 && score <= 1)) {
            return Optional.empty();
        }
        Instant createdAt = Instant.ofEpochSecond(Math.floorDiv(micros, MICROS_PER_SECOND),
                Math.floorMod(micros, MICROS_PER_SECOND) * NANOS_PER_MICRO);
        if (!plausible(createdAt)) {
            return Optional.empty();
        }
        return Optional.of(new ListCursor(order, fingerprint, score, createdAt, id));
    }

    private static byte code(ListOrder order) {
        for (byte code = 0; code < ORDERS.length; code++) {
            if (ORDERS[code] == order) {
                return code;
            }
        }
        throw new IllegalArgumentException("no wire code for " + order);
    }

    private static boolean plausible(Instant createdAt) {
        return !createdAt.isBefore(EARLIEST) && !createdAt.isAfter(LATEST);
    }
}
