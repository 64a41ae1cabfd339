package dev.atelier.gallery.domain;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** How long a share link lives: {@code expiresIn} as an ISO-8601 duration ({@code PT1H}, {@code P7D}) or seconds. */
public final class ShareExpiry {
    private static final Pattern SECONDS = Pattern.compile("\\d{1,12}");

    private ShareExpiry() {
    }

    /** The duration {@code value} stands for, or empty when it is neither a whole number of seconds nor ISO-8601. */
    public static Optional<Duration> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String text = value.strip();
        if (SECONDS.matcher(text).matches()) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(text)));
        }
        if (!text.toUpperCase(Locale.ROOT).startsWith("P")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.parse(text));
        } catch (DateTimeParseException | ArithmeticException e) {
            return Optional.empty();
        }
    }
}
