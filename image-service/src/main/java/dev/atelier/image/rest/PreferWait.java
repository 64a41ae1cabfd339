package dev.atelier.image.rest;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.atelier.problem.ProblemException;

/**
 * The {@code wait} preference of a {@code Prefer} header (RFC 7240), e.g. {@code Prefer: respond-async, wait=10}.
 * A value above the configured maximum is lowered to it (a preference is a hint the server may honour in part,
 * and {@code Preference-Applied} tells which value was used); a value that is not a non-negative integer is a 400
 * naming the header. Other preferences are ignored.
 */
final class PreferWait {
    static final String PREFER = "Prefer";
    static final String PREFERENCE_APPLIED = "Preference-Applied";
    private static final String WAIT = "wait";
    /** More digits than this is far above any maximum; don't parse it. */
    private static final int MAX_DIGITS = 9;

    private PreferWait() {
    }

    /** Seconds to wait, at most {@code maxSeconds}; empty when no (or a zero) wait is asked for. */
    static Optional<Integer> parse(List<String> headers, int maxSeconds) {
        if (headers == null) {
            return Optional.empty();
        }
        Optional<Integer> wait = Optional.empty();
        for (String header : headers) {
            if (header == null) {
                continue;
            }
            for (String preference : header.split(",")) {
                // Parameters after ';' don't apply to wait.
                String token = preference.split(";", 2)[0].strip();
                int equals = token.indexOf('=');
                String name = (equals < 0 ? token : token.substring(0, equals)).strip().toLowerCase(Locale.ROOT);
                if (!name.equals(WAIT)) {
                    continue;
                }
                String value = equals < 0 ? "" : unquote(token.substring(equals + 1).strip());
                if (value.isEmpty() || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    throw ProblemException.invalidField(PREFER, "wait must be a whole number of seconds, 0 to "
                            + maxSeconds);
                }
                int seconds = value.length() > MAX_DIGITS ? maxSeconds : Math.min(Integer.parseInt(value), maxSeconds);
                wait = seconds == 0 ? Optional.empty() : Optional.of(seconds);
            }
        }
        return wait;
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1).strip()
                : value;
    }
}
