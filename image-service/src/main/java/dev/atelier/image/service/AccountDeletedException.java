package dev.atelier.image.service;

import java.util.UUID;

import io.quarkus.security.AuthenticationException;

/**
 * The caller's account was deleted ({@code user.deleted}): their access tokens, however valid, no longer
 * authenticate anyone here. A 401 (see {@code AccountDeletedMapper}).
 */
public class AccountDeletedException extends SecurityException implements AuthenticationException {
    private final transient UUID userId;

    public AccountDeletedException(UUID userId) {
        super("account " + userId + " was deleted");
        this.userId = userId;
    }

    public UUID userId() {
        return userId;
    }
}
