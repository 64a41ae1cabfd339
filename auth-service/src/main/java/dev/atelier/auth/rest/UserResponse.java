package dev.atelier.auth.rest;

import java.time.Instant;
import java.util.UUID;

import dev.atelier.auth.domain.Account;

public record UserResponse(UUID id, String name, String email, String tier, Instant createdAt) {
    static UserResponse of(Account account) {
        return new UserResponse(account.id(), account.name(), account.email(), account.tier(), account.createdAt());
    }
}
