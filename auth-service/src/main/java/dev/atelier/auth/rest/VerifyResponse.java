package dev.atelier.auth.rest;

import java.time.Instant;
import java.util.UUID;

public record VerifyResponse(UUID userId, Instant expiresAt) {
}
