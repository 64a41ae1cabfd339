package dev.atelier.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.atelier.bench.load.Measurement;

/** Everything one scenario found: its figures, their ratios to the controls, the goals, and what to know. */
public final class ScenarioResult {
    private final String scenario;
    private final Map<String, Object> setup = new LinkedHashMap<>();
    private final List<Measurement> measurements = new ArrayList<>();
    private final List<Figure> figures = new ArrayList<>();
    private final List<Ratio> ratios = new ArrayList<>();
    private final List<Target> targets = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private String error;

    public ScenarioResult(String scenario) {
        this.scenario = scenario;
    }

    public String scenario() {
        return scenario;
    }

    /** Describes the run: data sizes, rates, which indexes existed. */
    public ScenarioResult setup(String key, Object value) {
        setup.put(key, value);
        return this;
    }

    public Measurement add(Measurement measurement) {
        measurements.add(measurement);
        if (measurement.saturated()) {
            notes.add(String.format(Locale.ROOT, "'%s' fell behind: %.1f of %s requests/s answered, so its "
                    + "latencies are mostly time spent queueing (the open model shows it rather than hiding it)",
                    measurement.name(), measurement.achievedRate(), Table.number(measurement.targetRate())));
        }
        if (measurement.failed()) {
            error = "'" + measurement.name() + "': " + measurement.errors() + " failed requests, first: "
                    + measurement.firstError();
        }
        return measurement;
    }

    public Measurement measurement(String name) {
        return measurements.stream().filter(m -> m.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no measurement " + name));
    }

    /** {@code numerator / denominator} at the 50th and 99th percentiles. */
    public void ratio(String name, Measurement numerator, Measurement denominator) {
        ratios.add(new Ratio(name, numerator.name(), denominator.name(), "p50",
                numerator.p50Ms() / denominator.p50Ms()));
        ratios.add(new Ratio(name, numerator.name(), denominator.name(), "p99",
                numerator.p99Ms() / denominator.p99Ms()));
    }

    /** A ratio of two figures other than percentiles, e.g. throughputs ({@code percentile} "rate"). */
    public void ratio(Ratio ratio) {
        ratios.add(ratio);
    }

    /** A derived figure, e.g. a theoretical ceiling computed from a control. */
    public void figure(Figure figure) {
        figures.add(figure);
    }

    public Optional<Ratio> ratio(String name, String percentile) {
        return ratios.stream().filter(r -> r.name().equals(name) && r.percentile().equals(percentile)).findFirst();
    }

    public void target(Target target) {
        targets.add(target);
    }

    public void note(String note) {
        notes.add(note);
    }

    /** The scenario could not produce its figures (failed requests, wrong answers, an exception). */
    public void error(String message) {
        error = message;
    }

    public Map<String, Object> setup() {
        return setup;
    }

    public List<Measurement> measurements() {
        return measurements;
    }

    public List<Figure> figures() {
        return figures;
    }

    public List<Ratio> ratios() {
        return ratios;
    }

    public List<Target> targets() {
        return targets;
    }

    public List<String> notes() {
        return notes;
    }

    public String error() {
        return error;
    }

    public boolean errored() {
        return error != null;
    }
}
