package dev.atelier.bench.load;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one call reached on its way and when (in {@link Ticker#nanoTime()} terms): a call that completes with this
 * has each declared stage of its {@link LoadDriver.Line} timed from the same start as the call itself (the intended
 * send time in the open model), e.g. a job's 202, then its {@code succeeded} event, then its image being visible.
 */
public final class Milestones {
    private final Map<String, Long> reached = new LinkedHashMap<>();

    /** Records {@code stage} at {@code nanoTime}; the first time counts when a stage is marked twice. */
    public synchronized Milestones mark(String stage, long nanoTime) {
        reached.putIfAbsent(stage, nanoTime);
        return this;
    }

    public synchronized Map<String, Long> reached() {
        return Map.copyOf(reached);
    }

    @Override
    public synchronized String toString() {
        return "Milestones" + reached;
    }
}
