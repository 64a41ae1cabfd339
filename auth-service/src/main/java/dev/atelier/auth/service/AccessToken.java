package dev.atelier.auth.service;

import java.time.Duration;
import java.time.Instant;

/** A signed access token (a JWT) and when it stops being accepted. */
public record AccessToken(String token, Instant expiresAt, Duration lifetime) {
    @Override
    public String toString() {
        return "AccessToken[expiresAt=" + expiresAt + "]";
    }
}
