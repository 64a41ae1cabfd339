package dev.atelier.image.domain;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/** Why a usage-log row was written. */
public enum UsageKind {
    /** A submitted job reserved its cost. */
    HOLD,
    /** A finished job paid for the images it delivered. */
    CHARGE,
    /** A job gave back what it held and did not spend (failed, canceled, fewer images than asked). */
    RELEASE,
    /** Credits paid back after a charge. */
    REFUND,
    /**
     * Credits given: a period's (the account was opened, a new month began, a token named a higher tier) or an
     * admin's extra credits for this period ({@code credits.granted}, with a reason and the admin's id).
     */
    GRANT,
    /** The user downloaded an image (reported by gallery-service). */
    DOWNLOAD,
    /** An admin moved the user to another tier ({@code user.tier-changed}); the amount is how much total moved. */
    TIER_CHANGE;

    /**
     * The lowercase, dash-separated name used in the API, the {@code kind} column and {@code CreditsChanged.reason}
     * ({@code tier-change}).
     */
    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static UsageKind fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
