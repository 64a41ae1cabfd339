package dev.atelier.image.rest;

import java.time.Instant;

import dev.atelier.image.domain.CreditAccount;

/** The caller's credits in the current period; {@code remaining = total - used - held}. */
public record CreditsView(String tier, int total, int used, int held, int remaining, Instant periodStart,
        Instant periodEnd) {

    static CreditsView of(CreditAccount account) {
        return new CreditsView(account.getTier(), account.getTotal(), account.getUsed(), account.getHeld(),
                account.remaining(), account.getPeriodStart(), account.periodEnd());
    }
}
