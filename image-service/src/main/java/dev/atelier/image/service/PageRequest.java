package dev.atelier.image.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import dev.atelier.image.service.GenerationService.Page;
import dev.atelier.problem.ProblemException;

/**
 * A checked request for one page of a newest-first keyset list: its size and the position to continue after (none
 * for the first page). Fetch {@link #fetchSize()} rows; the extra one says whether there is a next page.
 */
public record PageRequest(int size, PageCursor after) {

    /** @throws ProblemException 400 naming {@code limit} or {@code cursor} when either is not acceptable */
    public static PageRequest of(Integer limit, String cursor, int defaultLimit, int maxLimit) {
        int size = limit == null ? defaultLimit : limit;
        if (size < 1 || size > maxLimit) {
            throw ProblemException.invalidField("limit", "must be between 1 and " + maxLimit);
        }
        try {
            return new PageRequest(size, cursor == null || cursor.isBlank() ? null : PageCursor.decode(cursor));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("cursor", "is not a valid cursor");
        }
    }

    public int fetchSize() {
        return size + 1;
    }

    public Instant afterCreatedAt() {
        return after == null ? null : after.createdAt();
    }

    public UUID afterId() {
        return after == null ? null : after.id();
    }

    /** The page of rows fetched with {@link #fetchSize()}, with the cursor of its last item when more follow. */
    public <T> Page<T> page(List<T> rows, Function<T, PageCursor> position) {
        if (rows.size() <= size) {
            return new Page<>(List.copyOf(rows), null);
        }
        List<T> items = List.copyOf(rows.subList(0, size));
        return new Page<>(items, position.apply(items.get(size - 1)).encode());
    }
}
