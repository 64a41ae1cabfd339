package dev.atelier.worker.provider;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;

import dev.atelier.worker.domain.GenerationException;
import io.quarkus.logging.Log;

/**
 * What the last call to each provider said about it: down after a failure that fails over
 * ({@code provider_unavailable}, {@code timeout}), up after a success or any other answer (a refusal or a bad
 * request still proves it is there). Listeners hear of every change, so the status report goes out at once.
 */
@ApplicationScoped
public class ProviderHealth {
    private final Map<String, Boolean> down = new ConcurrentHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    public void succeeded(String provider) {
        record(provider, false);
    }

    public void failed(String provider, GenerationException failure) {
        record(provider, ProviderRegistry.failsOver(failure));
    }

    /** True when the last call to {@code provider} failed with an error worth failing over. */
    public boolean isDown(String provider) {
        return down.getOrDefault(provider, false);
    }

    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    private void record(String provider, boolean isDown) {
        Boolean previous = down.put(provider, isDown);
        if ((previous != null && previous) != isDown) {
            Log.infof("provider %s is now %s", provider, isDown ? "down" : "up");
            for (Runnable listener : listeners) {
                try {
                    listener.run();
                } catch (RuntimeException e) {
                    Log.warnf(e, "provider %s: a health listener failed", provider);
                }
            }
        }
    }
}
