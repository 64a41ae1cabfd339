package dev.atelier.image.rest;

import java.time.Instant;

import dev.atelier.image.domain.CreditAccount;

/**
 * The caller's credits in the current period; {@code remaining = total - used - held}. {@code granted} is the part of
 * {@code total} an admin added this period on top of the tier's monthly credits.
 */
public record CreditsView(String tier, int total, int used, int held, int remaining, int granted,
        Instant periodStart, Instant periodEnd) {

    static CreditsView of(CreditAccount account) {
        return new CreditsView(account.getTier(), account.getTotal(), account.getUsed(), account.getHeld(),
                account.remaining(), account.getGranted(), account.getPeriodStart(), account.periodEnd());
    }
}
