package dev.atelier.auth.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import dev.atelier.auth.service.PasswordPolicy;

/**
 * Normalised like sign-up; no format rules beyond presence and an upper bound: a malformed email simply matches no
 * account.
 */
public record SignInRequest(
        @NotBlank @Size(max = SignUpRequest.EMAIL_MAX) String email,
        @NotNull @Size(min = 1, max = SignUpRequest.PASSWORD_MAX) String password) {

    public SignInRequest {
        email = SignUpRequest.normaliseEmail(email);
        password = PasswordPolicy.normalise(password);
    }

    @Override
    public String toString() {
        return "SignInRequest[email=" + email + "]";
    }
}
