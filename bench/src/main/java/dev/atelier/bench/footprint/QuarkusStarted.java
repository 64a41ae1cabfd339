package dev.atelier.bench.footprint;

import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Quarkus's own start-up time, from its log line {@code ... (powered by Quarkus 3.x) started in 1.234s. Listening
 * on: ...}: the time from the JVM's main to ready, without the JVM's own start.
 */
public final class QuarkusStarted {
    private static final Pattern STARTED = Pattern.compile("\\) started in (\\d+(?:\\.\\d+)?)s\\.");

    private QuarkusStarted() {
    }

    /** The seconds of the last such line in {@code log}, if any. */
    public static OptionalDouble lastSeconds(String log) {
        Matcher matcher = STARTED.matcher(log);
        OptionalDouble last = OptionalDouble.empty();
        while (matcher.find()) {
            last = OptionalDouble.of(Double.parseDouble(matcher.group(1)));
        }
        return last;
    }
}
