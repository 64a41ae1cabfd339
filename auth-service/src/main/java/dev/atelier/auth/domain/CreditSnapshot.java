package dev.atelier.auth.domain;

/**
 * The newest credit account snapshot image-service sent for a user ({@code credits.changed}); {@code generations}
 * counts the jobs the user ever submitted.
 */
public record CreditSnapshot(String tier, int total, int used, int held, int remaining, long generations) {
}
