package dev.atelier.bench.signin;

import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cost of an argon2 hash: its variant, memory in KiB, iterations and lanes. Read from a stored PHC string
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}, which carries the parameters it was made with) or from
 * auth-service's configuration ({@code atelier.auth.argon2.*}).
 */
record Argon2Parameters(String variant, int memoryKib, int iterations, int parallelism) {
    static final String MEMORY_KEY = "atelier.auth.argon2.memory-kib";
    static final String ITERATIONS_KEY = "atelier.auth.argon2.iterations";
    static final String PARALLELISM_KEY = "atelier.auth.argon2.parallelism";
    /** auth-service hashes with argon2id only; the variant is not configurable. */
    static final String ARGON2ID = "argon2id";

    private static final Pattern PHC = Pattern.compile(
            "^\\$(argon2(?:id|i|d))\\$(?:v=\\d+\\$)?m=(\\d+),t=(\\d+),p=(\\d+)\\$[^$]+\\$[^$]+$");

    /** The parameters a stored hash was made with. */
    static Argon2Parameters ofHash(String phc) {
        Matcher matcher = PHC.matcher(phc);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not an argon2 PHC string: " + phc.substring(0, Math.min(20,
                    phc.length())) + "…");
        }
        return new Argon2Parameters(matcher.group(1), Integer.parseInt(matcher.group(2)),
                Integer.parseInt(matcher.group(3)), Integer.parseInt(matcher.group(4)));
    }

    /**
     * The parameters {@code properties} (an application.properties) configure, the prod profile's value first;
     * empty when a key is absent (the service's {@code @WithDefault} then applies, which only the service knows).
     */
    static Optional<Argon2Parameters> configuredIn(Properties properties) {
        Optional<Integer> memory = value(properties, MEMORY_KEY);
        Optional<Integer> iterations = value(properties, ITERATIONS_KEY);
        Optional<Integer> parallelism = value(properties, PARALLELISM_KEY);
        if (memory.isEmpty() || iterations.isEmpty() || parallelism.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Argon2Parameters(ARGON2ID, memory.get(), iterations.get(), parallelism.get()));
    }

    private static Optional<Integer> value(Properties properties, String key) {
        String value = properties.getProperty("%prod." + key, properties.getProperty(key));
        return Optional.ofNullable(value).map(String::strip).map(Integer::valueOf);
    }

    /** E.g. {@code argon2id m=19456 KiB (19.0 MiB), t=2, p=1}. */
    String describe() {
        return String.format(Locale.ROOT, "%s m=%d KiB (%.1f MiB), t=%d, p=%d", variant, memoryKib,
                memoryKib / 1024.0, iterations, parallelism);
    }
}
