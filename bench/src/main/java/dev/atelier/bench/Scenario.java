package dev.atelier.bench;

import dev.atelier.bench.report.ScenarioResult;

/**
 * One line of issue 8's scenario list. It prepares what it needs through the {@link BenchContext} (data sets are
 * shared between scenarios of one run), measures, and fills a {@link ScenarioResult}: figures, ratios to controls
 * measured in the same run, and the goals. It throws only when it cannot produce figures at all.
 */
public interface Scenario {
    String name();

    /** One line for the usage text. */
    String description();

    void run(BenchContext context, ScenarioResult result) throws Exception;
}
