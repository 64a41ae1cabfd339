package dev.atelier.image.domain;

import java.time.Instant;

/**
 * One change of a credit account and the account right after it: what the usage log records and what
 * {@code credits.changed} announces. {@code announced} is false for a row that moved no credits (a free download).
 */
public record CreditChange(
        UsageKind kind,
        int amount,
        Instant at,
        boolean announced,
        long sequence,
        String tier,
        int total,
        int used,
        int held,
        int remaining,
        long generations) {
}
