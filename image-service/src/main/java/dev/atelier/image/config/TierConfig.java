package dev.atelier.image.config;

import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;

/**
 * What each tier may do, under {@code atelier.image.tiers.<tier>} (the values for {@code free}, {@code basic} and
 * {@code premium} are in application.properties, since each tier has its own).
 */
@ConfigMapping(prefix = "atelier.image.tiers")
public interface TierConfig {

    @WithParentName
    Map<String, Tier> tiers();

    interface Tier {
        /** Credits granted at the start of each calendar month (UTC). */
        int monthlyCredits();

        /** Jobs a user may submit in any sliding minute. */
        int submitsPerMinute();

        /** Jobs a user may have queued or running at once. */
        int maxConcurrentJobs();
    }
}
