package dev.atelier.auth.rest;

import java.text.Normalizer;
import java.util.Locale;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.atelier.auth.service.PasswordPolicy;

/**
 * Name, email and password are normalised before validation, so the limits apply to what is stored and hashed:
 * the email NFKC (full-width and other compatibility forms become plain ASCII), trimmed and lower-cased, then it
 * must be plain ASCII (internationalised domains in their {@code xn--} form), which rules out look-alike letters
 * from other scripts and invisible characters; the name NFC and trimmed, without control or invisible formatting
 * characters; the password NFKC ({@link PasswordPolicy#normalise}). Length is the password's only syntactic rule
 * (no composition rules); {@link PasswordPolicy} refuses common ones and the account's own email or name.
 */
public record SignUpRequest(
        @NotBlank @Size(max = SignUpRequest.NAME_MAX)
        @Pattern(regexp = SignUpRequest.VISIBLE_TEXT, message = SignUpRequest.VISIBLE_TEXT_MESSAGE) String name,
        @NotBlank @Size(max = SignUpRequest.EMAIL_MAX)
        @Pattern(regexp = SignUpRequest.ASCII_EMAIL, message = SignUpRequest.ASCII_EMAIL_MESSAGE)
        @Email String email,
        @NotNull @Size(min = SignUpRequest.PASSWORD_MIN, max = SignUpRequest.PASSWORD_MAX) String password) {

    public static final int NAME_MAX = 100;
    /** RFC 5321's limit on a forward path, minus the angle brackets. */
    public static final int EMAIL_MAX = 254;
    public static final int PASSWORD_MIN = 12;
    public static final int PASSWORD_MAX = 128;
    /**
     * RFC 5322 dot-atom local part, then a domain of at least two labels of letters, digits and hyphens
     * ({@code a@b} is not deliverable).
     */
    static final String ASCII_EMAIL = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
            + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+";
    static final String ASCII_EMAIL_MESSAGE = "must be an email address in plain ASCII"
            + " (an internationalised domain in its xn-- form)";
    /**
     * No control characters, unassigned or private-use code points, lone surrogates, or invisible format characters
     * (bidirectional overrides, zero-width spaces), except the zero-width (non-)joiners some scripts and emoji need.
     */
    static final String VISIBLE_TEXT = "(?:[^\\p{Cc}\\p{Cn}\\p{Co}\\p{Cs}\\p{Cf}]|\\u200C|\\u200D)*";
    static final String VISIBLE_TEXT_MESSAGE = "must not contain control or invisible formatting characters";

    public SignUpRequest {
        name = normaliseName(name);
        email = normaliseEmail(email);
        password = PasswordPolicy.normalise(password);
    }

    static String normaliseEmail(String email) {
        return email == null ? null
                : Normalizer.normalize(email, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT);
    }

    static String normaliseName(String name) {
        return name == null ? null : Normalizer.normalize(name, Normalizer.Form.NFC).strip();
    }

    @Override
    public String toString() {
        return "SignUpRequest[name=" + name + ", email=" + email + "]";
    }
}
