package dev.atelier.auth.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import dev.atelier.auth.service.PasswordPolicy;

/** {@code DELETE /users/me}: the account's password, so a stolen access token alone cannot delete it. */
public record DeleteAccountRequest(@NotNull @Size(min = 1, max = SignUpRequest.PASSWORD_MAX) String password) {

    public DeleteAccountRequest {
        password = PasswordPolicy.normalise(password);
    }

    @Override
    public String toString() {
        return "DeleteAccountRequest[]";
    }
}
