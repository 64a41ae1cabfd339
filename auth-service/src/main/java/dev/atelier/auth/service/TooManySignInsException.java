package dev.atelier.auth.service;

import dev.atelier.problem.ProblemException;

/** 429: too many failed sign-ins for this email or from this address; try again after {@code retryAfterSeconds}. */
public class TooManySignInsException extends ProblemException {
    private final long retryAfterSeconds;

    public TooManySignInsException(long retryAfterSeconds) {
        super(429, "too-many-sign-in-attempts", "Too many sign-in attempts",
                "Too many failed sign-ins for this account or from this address; try again in " + retryAfterSeconds
                        + " seconds");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
