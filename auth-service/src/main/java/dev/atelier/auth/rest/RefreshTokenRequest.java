package dev.atelier.auth.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Body of refresh and sign-out. */
public record RefreshTokenRequest(@NotBlank @Size(max = RefreshTokenRequest.MAX_LENGTH) String refreshToken) {
    static final int MAX_LENGTH = 256;
    /** What a request without a body is validated as (a missing token, as before the body became optional). */
    static final RefreshTokenRequest MISSING = new RefreshTokenRequest(null);

    @Override
    public String toString() {
        return "RefreshTokenRequest[]";
    }
}
