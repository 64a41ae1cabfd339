package dev.atelier.security;

import java.util.UUID;

import io.quarkus.security.AuthenticationException;

/**
 * The caller's account was deleted ({@code user.deleted}) while their access token is still valid: the token no
 * longer authenticates anyone, and nothing is stored for the account. Answered 401
 * {@code urn:problem:atelier:account-deleted} by {@link AccountDeletedMapper}.
 */
public class AccountDeletedException extends SecurityException implements AuthenticationException {
    private static final long serialVersionUID = 1L;

    private final transient UUID userId;

    public AccountDeletedException(UUID userId) {
        super("account " + userId + " was deleted");
        this.userId = userId;
    }

    public UUID userId() {
        return userId;
    }
}
