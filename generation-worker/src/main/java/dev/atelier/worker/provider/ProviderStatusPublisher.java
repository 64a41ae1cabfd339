package dev.atelier.worker.provider;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.reactive.messaging.Channel;

import dev.atelier.events.Channels;
import dev.atelier.events.EventMessages;
import dev.atelier.events.ProviderStatus;
import dev.atelier.worker.config.ProvidersConfig;
import dev.atelier.worker.config.WorkerIdentity;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.reactive.messaging.MutinyEmitter;

/**
 * Publishes this worker's view of its enabled providers on {@code provider.status} (keyed by worker id): at startup,
 * whenever a provider's state changes (its circuit breaker moves, or its last call failed or succeeded), and every
 * {@code atelier.worker.providers.status-interval} as a heartbeat. A provider is {@code circuit-open} while its breaker
 * is open, {@code down} when its last call failed with {@code provider_unavailable}/{@code timeout}, else {@code up}.
 *
 * <p>
 * Sending never blocks the caller (a render thread or the scheduler): the broker's acknowledgement is awaited
 * asynchronously, at most {@code status-send-timeout}, and a failure is only logged; the next report repeats the state.
 */
@ApplicationScoped
public class ProviderStatusPublisher {
    private final MutinyEmitter<ProviderStatus> emitter;
    private final ProviderRegistry registry;
    private final ProviderHealth health;
    private final CircuitBreakerMaintenance breakers;
    private final String workerId;
    private final Duration sendTimeout;
    private Map<String, String> lastPublished = Map.of();

    public ProviderStatusPublisher(@Channel(Channels.PROVIDER_STATUS) MutinyEmitter<ProviderStatus> emitter,
            ProviderRegistry registry, ProviderHealth health, CircuitBreakerMaintenance breakers,
            WorkerIdentity identity, ProvidersConfig config) {
        this.emitter = emitter;
        this.registry = registry;
        this.health = health;
        this.breakers = breakers;
        this.workerId = identity.id();
        this.sendTimeout = config.statusSendTimeout();
    }

    void start(@Observes StartupEvent startup) {
        for (ImageProvider provider : registry.enabled()) {
            provider.circuitBreaker().ifPresent(name -> breakers.onStateChange(name, state -> {
                Log.infof("provider %s: circuit breaker %s", provider.name(), state);
                publishIfChanged();
            }));
        }
        health.onChange(this::publishIfChanged);
        Log.infof("worker %s reports provider status", workerId);
        publish(snapshot());
    }

    @Scheduled(identity = "provider-status", every = "${atelier.worker.providers.status-interval}",
            delayed = "${atelier.worker.providers.status-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void heartbeat() {
        publish(snapshot());
    }

    /** The state of every enabled provider, by name. */
    public Map<String, String> snapshot() {
        Map<String, String> states = new LinkedHashMap<>();
        for (ImageProvider provider : registry.enabled()) {
            states.put(provider.name(), state(provider));
        }
        return Map.copyOf(states);
    }

    public String workerId() {
        return workerId;
    }

    private String state(ImageProvider provider) {
        Optional<String> breaker = provider.circuitBreaker();
        if (breaker.isPresent() && breakers.currentState(breaker.get()) == CircuitBreakerState.OPEN) {
            return ProviderStatus.CIRCUIT_OPEN;
        }
        return health.isDown(provider.name()) ? ProviderStatus.DOWN : ProviderStatus.UP;
    }

    private void publishIfChanged() {
        Map<String, String> current = snapshot();
        synchronized (this) {
            if (current.equals(lastPublished)) {
                return;
            }
        }
        publish(current);
    }

    private void publish(Map<String, String> providers) {
        synchronized (this) {
            lastPublished = providers;
        }
        ProviderStatus status = new ProviderStatus(UUID.randomUUID(), ProviderStatus.VERSION, Instant.now(), workerId,
                providers);
        try {
            emitter.sendMessage(EventMessages.of(status))
                    .ifNoItem().after(sendTimeout).fail()
                    .subscribe().with(
                            sent -> Log.debugf("worker %s: provider status %s sent", workerId, providers),
                            failure -> Log.warnf("worker %s: provider status %s not sent: %s", workerId, providers,
                                    failure.toString()));
        } catch (RuntimeException e) {
            // The emitter refuses when its buffer is full (broker away for long): the next report tries again.
            Log.warnf("worker %s: provider status %s not sent: %s", workerId, providers, e.toString());
        }
    }
}
