package dev.atelier.auth.rest;

import java.util.Locale;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Name and email are normalised (trimmed; email lower-cased) before validation, so the limits apply to what is
 * stored. The password is taken as typed: length is its only rule (NIST SP 800-63B, no composition rules).
 */
public record SignUpRequest(
        @NotBlank @Size(max = SignUpRequest.NAME_MAX) String name,
        @NotBlank @Size(max = SignUpRequest.EMAIL_MAX) @Email(regexp = SignUpRequest.EMAIL_SHAPE) String email,
        @NotNull @Size(min = SignUpRequest.PASSWORD_MIN, max = SignUpRequest.PASSWORD_MAX) String password) {

    public static final int NAME_MAX = 100;
    /** RFC 5321's limit on a forward path, minus the angle brackets. */
    public static final int EMAIL_MAX = 254;
    public static final int PASSWORD_MIN = 12;
    public static final int PASSWORD_MAX = 128;
    /** On top of @Email's syntax check: a domain with at least one dot ({@code a@b} is not deliverable). */
    static final String EMAIL_SHAPE = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+";

    public SignUpRequest {
        name = name == null ? null : name.strip();
        email = normaliseEmail(email);
    }

    static String normaliseEmail(String email) {
        return email == null ? null : email.strip().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "SignUpRequest[name=" + name + ", email=" + email + "]";
    }
}
