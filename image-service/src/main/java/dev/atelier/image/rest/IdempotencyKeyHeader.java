package dev.atelier.image.rest;

import java.util.List;

import dev.atelier.problem.ProblemException;

/** The {@code Idempotency-Key} request header: 1 to 255 printable ASCII characters. */
final class IdempotencyKeyHeader {
    static final String NAME = "Idempotency-Key";
    static final int MAX_LENGTH = 255;
    /** Answers that replay an earlier request carry this header, so a client can tell. */
    static final String REPLAYED = "Idempotent-Replayed";

    private static final char FIRST_PRINTABLE = ' ';
    private static final char LAST_PRINTABLE = '~';

    private IdempotencyKeyHeader() {
    }

    /**
     * Reads the raw request headers, not a {@code @HeaderParam}: that reports an empty value as no header at all,
     * and an empty key must be refused, not ignored.
     *
     * @param values every value of the header in the request
     * @return the key, or null when the header is absent
     * @throws ProblemException 400 naming the header when it is present but not one valid key
     */
    static String parse(List<String> values) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw ProblemException.invalidField(NAME, "must be given once");
        }
        return parse(values.get(0));
    }

    static String parse(String header) {
        if (header == null) {
            return null;
        }
        String key = header.strip();
        if (key.isEmpty() || key.length() > MAX_LENGTH
                || !key.chars().allMatch(c -> c >= FIRST_PRINTABLE && c <= LAST_PRINTABLE)) {
            throw ProblemException.invalidField(NAME,
                    "must be 1 to " + MAX_LENGTH + " printable ASCII characters");
        }
        return key;
    }
}
