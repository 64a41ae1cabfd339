package dev.atelier.auth.service;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import dev.atelier.problem.ProblemException;

/**
 * OWASP ASVS level 1 passwords (V2.1): at least 12 characters (Bean Validation on the requests enforces length),
 * no composition rules, and refused when common or when it is the account's own email or name. Common means: in
 * the 10,000 most frequent leaked passwords ({@code common-passwords.txt}), also once the digits and symbols
 * people tack on at either end are removed ({@code Password2024!}), or made of fewer than
 * {@value #MIN_DISTINCT_CHARACTERS} distinct characters ({@code aaaaaaaaaaaa}, {@code abababababab}).
 */
@ApplicationScoped
public class PasswordPolicy {
    static final int MIN_DISTINCT_CHARACTERS = 5;
    private static final String LIST = "/dev/atelier/auth/common-passwords.txt";
    private static final Pattern AFFIXES = Pattern.compile("^[^\\p{L}]+|[^\\p{L}]+$");
    /** Below this a stripped core is too short to judge ("a1234567890!" has the core "a"). */
    private static final int MIN_CORE_LENGTH = 4;

    private final Set<String> common;

    public PasswordPolicy() {
        this.common = load();
    }

    /**
     * The form a password is hashed and compared in: Unicode NFKC (NIST SP 800-63B §5.1.1.2), so the same
     * password typed on two keyboards (composed or decomposed accents, full-width digits) is the same password.
     */
    public static String normalise(String password) {
        return password == null ? null : Normalizer.normalize(password, Normalizer.Form.NFKC);
    }

    /** Refuses {@code password} (already normalised) for an account with this email and name: 400 naming it. */
    public void check(String field, String password, String email, String name) {
        reason(password, email, name).ifPresent(reason -> {
            throw ProblemException.invalidField(field, reason);
        });
    }

    Optional<String> reason(String password, String email, String name) {
        String lower = password.toLowerCase(Locale.ROOT);
        if (email != null) {
            String mail = email.toLowerCase(Locale.ROOT);
            int at = mail.indexOf('@');
            String local = at > 0 ? mail.substring(0, at) : mail;
            if (lower.contains(mail) || lower.equals(local)) {
                return Optional.of("must not be your email address");
            }
        }
        if (name != null && lower.equals(name.strip().toLowerCase(Locale.ROOT))) {
            return Optional.of("must not be your name");
        }
        String core = AFFIXES.matcher(lower).replaceAll("");
        if (common.contains(lower) || (core.length() >= MIN_CORE_LENGTH && common.contains(core))) {
            return Optional.of("is one of the most commonly used passwords; choose another");
        }
        if (lower.codePoints().distinct().count() < MIN_DISTINCT_CHARACTERS) {
            return Optional.of("repeats too few characters; choose another");
        }
        return Optional.empty();
    }

    private static Set<String> load() {
        Set<String> words = new HashSet<>();
        try (InputStream in = PasswordPolicy.class.getResourceAsStream(LIST)) {
            if (in == null) {
                throw new IllegalStateException(LIST + " is missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    words.add(line.strip().toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + LIST, e);
        }
        return Set.copyOf(words);
    }
}
