package dev.atelier.worker.domain;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A width and height in pixels, written {@code WIDTHxHEIGHT} on the wire (e.g. {@code 1024x768}). */
public record ImageSize(int width, int height) {
    private static final Pattern FORMAT = Pattern.compile("(\\d{1,5})[xX](\\d{1,5})");

    public ImageSize {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("size must be positive: " + width + "x" + height);
        }
    }

    public static Optional<ImageSize> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        Matcher matcher = FORMAT.matcher(value.trim());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        int width = Integer.parseInt(matcher.group(1));
        int height = Integer.parseInt(matcher.group(2));
        return width > 0 && height > 0 ? Optional.of(new ImageSize(width, height)) : Optional.empty();
    }

    public boolean within(int minSide, int maxSide) {
        return Math.min(width, height) >= minSide && Math.max(width, height) <= maxSide;
    }

    @Override
    public String toString() {
        return width + "x" + height;
    }
}
