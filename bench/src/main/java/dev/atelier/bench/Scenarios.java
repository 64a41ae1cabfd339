package dev.atelier.bench;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.atelier.bench.footprint.FootprintScenario;
import dev.atelier.bench.gallery.GalleryListScenario;
import dev.atelier.bench.gallery.SearchScenario;
import dev.atelier.bench.generation.PipelineScenario;
import dev.atelier.bench.generation.SubmitScenario;
import dev.atelier.bench.scale.ScaleScenario;
import dev.atelier.bench.signin.SignInScenario;
import dev.atelier.launcher.Service;

/** Every scenario, in the order {@code all} runs them. A new scenario is one class and one line here. */
public final class Scenarios {
    public static final String ALL = "all";

    private static final Map<String, Scenario> SCENARIOS = new LinkedHashMap<>();

    static {
        // Sign-in first, on quiet cores: it measures hashing, and the others leave background work behind.
        register(new SignInScenario());
        // The pipeline before submit: submit's hundreds of jobs per second leave minutes of backlog behind.
        register(new PipelineScenario());
        register(new SubmitScenario());
        // After the generation scenarios: it stops the stack's worker for its own and waits for their jobs first.
        register(new ScaleScenario());
        register(new GalleryListScenario());
        register(new SearchScenario());
        // Footprint last: it restarts every service, so the scenarios before it measure processes that have run
        // (and been warmed) since the stack started, and it leaves them all up and ready again at the end.
        register(new FootprintScenario());
    }

    /** Issue 8 scenarios that have no implementation yet. */
    static final List<String> PLANNED = List.of();

    private Scenarios() {
    }

    private static void register(Scenario scenario) {
        SCENARIOS.put(scenario.name(), scenario);
    }

    /** The names of every implemented scenario, in the order {@code all} runs them. */
    public static List<String> names() {
        return List.copyOf(SCENARIOS.keySet());
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

    /**
     * What the stack must be started with for {@code scenarios}: each one's {@link Scenario#stackConfig()}, merged.
     * Two scenarios asking for different values of one key cannot share a stack, which is a bug in the bench.
     */
    public static Map<Service, Map<String, String>> stackConfig(List<Scenario> scenarios) {
        Map<Service, Map<String, String>> merged = new EnumMap<>(Service.class);
        for (Scenario scenario : scenarios) {
            scenario.stackConfig().forEach((service, config) -> config.forEach((key, value) -> {
                String before = merged.computeIfAbsent(service, s -> new TreeMap<>()).putIfAbsent(key, value);
                if (before != null && !before.equals(value)) {
                    throw new IllegalStateException(scenario.name() + " needs " + service.module() + " with " + key
                            + "=" + value + " but another scenario of this run needs " + before);
                }
            }));
        }
        return merged;
    }

    static String describe() {
        StringBuilder text = new StringBuilder("scenarios:\n");
        SCENARIOS.values().forEach(s -> text.append(String.format("  %-14s %s%n", s.name(), s.description())));
        text.append(String.format("  %-14s %s%n", ALL, "every scenario above, sharing one stack and one data set"));
        if (!PLANNED.isEmpty()) {
            text.append("  planned (issue 8): ").append(String.join(", ", PLANNED)).append('\n');
        }
        return text.toString();
    }
}
