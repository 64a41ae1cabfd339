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
    /** A period's credits: the account was opened or a new month began. */
    GRANT,
    /** The user downloaded an image (reported by gallery-service). */
    DOWNLOAD;

    /** The lowercase name used in the API, the {@code kind} column and {@code CreditsChanged.reason}. */
    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static UsageKind fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
