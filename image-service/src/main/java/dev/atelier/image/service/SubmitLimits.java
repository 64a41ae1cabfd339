package dev.atelier.image.service;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.atelier.image.config.CreditsConfig;
import dev.atelier.image.config.TierConfig;
import dev.atelier.image.repository.JobActivityRepository;
import io.smallrye.mutiny.Uni;

/**
 * The tier's limits on submitting: jobs per sliding minute and unfinished jobs at once. The state is the user's
 * jobs in PostgreSQL and the caller holds the user's credit-account lock, so concurrent submits on any number of
 * replicas are counted one after another and none slips past a limit.
 */
@ApplicationScoped
public class SubmitLimits {
    public static final String SUBMITS_PER_MINUTE = "submits-per-minute";
    public static final String MAX_CONCURRENT_JOBS = "max-concurrent-jobs";
    /** The window of {@code submits-per-minute}. */
    static final Duration WINDOW = Duration.ofMinutes(1);
    private static final long MILLIS_PER_SECOND = 1000;

    private final JobActivityRepository activity;
    private final CreditsConfig config;

    public SubmitLimits(JobActivityRepository activity, CreditsConfig config) {
        this.activity = activity;
        this.config = config;
    }

    /** Fails with {@link LimitExceededException} when the user may not submit now. Joins the caller's transaction. */
    public Uni<Void> check(UUID userId, String tierName, TierConfig.Tier tier, Instant now) {
        return activity.unfinished(userId).chain(unfinished -> {
            if (unfinished >= tier.maxConcurrentJobs()) {
                return Uni.createFrom().failure(new LimitExceededException(MAX_CONCURRENT_JOBS,
                        tier.maxConcurrentJobs(), Math.max(1, config.busyRetryAfter().toSeconds()),
                        "The " + tierName + " tier allows " + tier.maxConcurrentJobs()
                                + " unfinished generations at once; wait for one to finish or cancel one"));
            }
            int allowed = tier.submitsPerMinute();
            if (allowed <= 0) {
                return Uni.createFrom().failure(rateExceeded(tierName, allowed, WINDOW.toSeconds()));
            }
            return activity.submittedSince(userId, now.minus(WINDOW), allowed).chain(times -> {
                if (times.size() < allowed) {
                    return Uni.createFrom().voidItem();
                }
                // Once the oldest of the newest `allowed` submits leaves the window, one more fits.
                Instant freed = times.get(allowed - 1).plus(WINDOW);
                long millis = Duration.between(now, freed).toMillis();
                long seconds = Math.max(1, (millis + MILLIS_PER_SECOND - 1) / MILLIS_PER_SECOND);
                return Uni.createFrom().failure(rateExceeded(tierName, allowed, seconds));
            });
        });
    }

    private static LimitExceededException rateExceeded(String tierName, int allowed, long retryAfter) {
        return new LimitExceededException(SUBMITS_PER_MINUTE, allowed, retryAfter,
                "The " + tierName + " tier allows " + allowed + " generations per minute; retry in " + retryAfter
                        + " s");
    }
}
