package dev.atelier.image.domain;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;

/** Credits are granted per calendar month in UTC: the same boundaries for every user and every replica. */
public final class CreditPeriod {
    private CreditPeriod() {
    }

    /** Start of the period that contains {@code at}. */
    public static Instant startOf(Instant at) {
        return YearMonth.from(at.atZone(ZoneOffset.UTC)).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** End (exclusive) of the period that starts at {@code start}. */
    public static Instant endOf(Instant start) {
        return YearMonth.from(start.atZone(ZoneOffset.UTC)).plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC)
                .toInstant();
    }
}
