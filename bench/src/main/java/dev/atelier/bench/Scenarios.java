package dev.atelier.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.atelier.bench.gallery.GalleryListScenario;
import dev.atelier.bench.gallery.SearchScenario;

/** Every scenario, in the order {@code all} runs them. A new scenario is one class and one line here. */
public final class Scenarios {
    public static final String ALL = "all";

    private static final Map<String, Scenario> SCENARIOS = new LinkedHashMap<>();

    static {
        register(new GalleryListScenario());
        register(new SearchScenario());
    }

    /** Issue 8 scenarios that have no implementation yet. */
    static final List<String> PLANNED = List.of("submit", "pipeline", "signin", "footprint", "scale");

    private Scenarios() {
    }

    private static void register(Scenario scenario) {
        SCENARIOS.put(scenario.name(), scenario);
    }

    public static List<Scenario> resolve(List<String> names) {
        List<Scenario> chosen = new ArrayList<>();
        for (String name : names) {
            if (ALL.equals(name)) {
                SCENARIOS.values().stream().filter(s -> !chosen.contains(s)).forEach(chosen::add);
            } else if (SCENARIOS.containsKey(name)) {
                if (!chosen.contains(SCENARIOS.get(name))) {
                    chosen.add(SCENARIOS.get(name));
                }
            } else if (PLANNED.contains(name)) {
                throw new IllegalArgumentException("scenario '" + name + "' is planned (issue 8) but not written yet");
            } else {
                throw new IllegalArgumentException("unknown scenario '" + name + "'");
            }
        }
        return chosen;
    }

    static String describe() {
        StringBuilder text = new StringBuilder("scenarios:\n");
        SCENARIOS.values().forEach(s -> text.append(String.format("  %-14s %s%n", s.name(), s.description())));
        text.append(String.format("  %-14s %s%n", ALL, "every scenario above, sharing one stack and one data set"));
        text.append("  planned (issue 8): ").append(String.join(", ", PLANNED)).append('\n');
        return text.toString();
    }
}
