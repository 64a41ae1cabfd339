package dev.atelier.auth.service;

import java.util.UUID;

import dev.atelier.auth.domain.OpaqueToken;

/**
 * One sign-in session (a refresh-token family, {@code id}) and its current refresh token. Access tokens carry the
 * id as {@code sid}, so a password change can end every other session and keep the caller's.
 */
public record Session(UUID id, OpaqueToken refreshToken) {
}
