package dev.atelier.auth.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.atelier.auth.service.IssuedTokens;

/** {@code expiresIn}: seconds until the access token expires. */
public record AuthResponse(
        UserResponse user,
        String accessToken,
        @Schema(description = "Absent for web clients (X-Atelier-Client: web), which get it as a cookie")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        String refreshToken,
        long expiresIn) {
    static AuthResponse of(IssuedTokens tokens) {
        return new AuthResponse(UserResponse.of(tokens.account()), tokens.accessToken().token(),
                tokens.refreshToken(), tokens.accessToken().lifetime().toSeconds());
    }

    /** For a web client: the refresh token goes in the HttpOnly cookie, never where a script can read it. */
    static AuthResponse withoutRefreshToken(IssuedTokens tokens) {
        return new AuthResponse(UserResponse.of(tokens.account()), tokens.accessToken().token(), null,
                tokens.accessToken().lifetime().toSeconds());
    }

    @Override
    public String toString() {
        return "AuthResponse[user=" + user.id() + ", expiresIn=" + expiresIn + "]";
    }
}
