package dev.atelier.auth.rest;

import dev.atelier.auth.service.IssuedTokens;

/** {@code expiresIn}: seconds until the access token expires. */
public record AuthResponse(UserResponse user, String accessToken, String refreshToken, long expiresIn) {
    static AuthResponse of(IssuedTokens tokens) {
        return new AuthResponse(UserResponse.of(tokens.account()), tokens.accessToken().token(),
                tokens.refreshToken(), tokens.accessToken().lifetime().toSeconds());
    }

    @Override
    public String toString() {
        return "AuthResponse[user=" + user.id() + ", expiresIn=" + expiresIn + "]";
    }
}
