package dev.atelier.worker.provider;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import dev.atelier.worker.config.WorkerConfig;

/** Every {@link ImageProvider} bean by name; a request without a provider gets the configured default. */
@ApplicationScoped
public class ProviderRegistry {
    private final Map<String, ImageProvider> providers;
    private final String defaultProvider;

    public ProviderRegistry(@Any Instance<ImageProvider> providers, WorkerConfig config) {
        this.providers = providers.stream().collect(Collectors.toUnmodifiableMap(
                provider -> provider.name().toLowerCase(Locale.ROOT), Function.identity()));
        this.defaultProvider = config.defaultProvider();
    }

    /**
     * Renders with the requested provider (blank: the default). Failover to the next provider of the configured
     * order is added by the providers work; today the requested provider alone is tried.
     *
     * @throws dev.atelier.worker.domain.GenerationException when no provider could render it
     */
    public RenderResult render(ImageProvider requested, dev.atelier.worker.domain.RenderSpec spec) {
        return new RenderResult(requested.render(spec), requested.name(), requested.model());
    }

    /** The provider a request's {@code provider} field names (blank: the default); empty when unknown. */
    public Optional<ImageProvider> find(String requested) {
        String name = requested == null || requested.isBlank() ? defaultProvider : requested;
        return Optional.ofNullable(providers.get(name.trim().toLowerCase(Locale.ROOT)));
    }
}
