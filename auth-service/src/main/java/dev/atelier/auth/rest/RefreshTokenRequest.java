package dev.atelier.auth.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Body of refresh and sign-out. */
public record RefreshTokenRequest(@NotBlank @Size(max = RefreshTokenRequest.MAX_LENGTH) String refreshToken) {
    static final int MAX_LENGTH = 256;

    @Override
    public String toString() {
        return "RefreshTokenRequest[]";
    }
}
