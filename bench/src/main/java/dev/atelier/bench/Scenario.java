package dev.atelier.bench;

import java.util.Map;

import dev.atelier.bench.report.ScenarioResult;
import dev.atelier.launcher.Service;

/**
 * One line of issue 8's scenario list. It prepares what it needs through the {@link BenchContext} (data sets are
 * shared between scenarios of one run), measures, and fills a {@link ScenarioResult}: figures, ratios to controls
 * measured in the same run, and the goals. It throws only when it cannot produce figures at all.
 */
public interface Scenario {
    String name();

    /** One line for the usage text. */
    String description();

    /**
     * Configuration the scenario needs the stack started with, per service (e.g. a test provider switched on). The
     * stack is shared by the scenarios of a run, so two scenarios must not ask for different values of one key.
     */
    default Map<Service, Map<String, String>> stackConfig() {
        return Map.of();
    }

    void run(BenchContext context, ScenarioResult result) throws Exception;
}
