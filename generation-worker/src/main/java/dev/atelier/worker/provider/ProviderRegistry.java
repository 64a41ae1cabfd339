package dev.atelier.worker.provider;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import dev.atelier.worker.config.ProvidersConfig;
import dev.atelier.worker.config.WorkerConfig;
import dev.atelier.worker.domain.GenerationException;
import dev.atelier.worker.domain.RenderSpec;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/**
 * Every {@link ImageProvider} bean by name, and failover between them (DESIGN.md §6). A request without a provider
 * gets {@code atelier.worker.default-provider}.
 *
 * <p>
 * {@link #render} tries the requested provider, then each enabled provider of {@code atelier.worker.providers.order}
 * (skipping the requested one), but only after a failure that another provider may not have:
 * {@code provider_unavailable} (429/5xx/I-O after retries, rejected key, open circuit) or {@code timeout}. A
 * {@code content_blocked}, {@code invalid_request} or {@code invalid_image} fails at once: another provider would be
 * asked the same thing.
 */
@ApplicationScoped
public class ProviderRegistry {
    private final Map<String, ImageProvider> providers;
    private final String defaultProvider;
    private final List<String> order;
    private final ProviderHealth health;

    @Inject
    public ProviderRegistry(@Any Instance<ImageProvider> providers, WorkerConfig config,
            ProvidersConfig providersConfig, ProviderHealth health) {
        this(providers.stream().toList(), config.defaultProvider(), providersConfig.order(), health);
    }

    ProviderRegistry(List<ImageProvider> providers, String defaultProvider, List<String> order, ProviderHealth health) {
        Map<String, ImageProvider> byName = new LinkedHashMap<>();
        providers.stream().sorted(Comparator.comparing(ImageProvider::name))
                .forEach(provider -> byName.put(normalize(provider.name()), provider));
        this.providers = byName;
        this.defaultProvider = defaultProvider;
        this.order = order.stream().map(ProviderRegistry::normalize).filter(name -> !name.isEmpty()).distinct()
                .toList();
        this.health = health;
    }

    void logConfiguration(@Observes StartupEvent startup) {
        providers.values().forEach(provider -> Log.infof("provider %s (model %s): %s", provider.name(),
                provider.model(), provider.enabled() ? "enabled" : "disabled"));
        Log.infof("provider failover order: %s", String.join(", ", order));
        order.stream().filter(name -> !providers.containsKey(name))
                .forEach(name -> Log.warnf("provider failover order names unknown provider '%s': ignored", name));
    }

    /**
     * Renders with {@code requested}, failing over as described above. The result names the provider that actually
     * rendered the image.
     *
     * @throws GenerationException the first failure that does not fail over, or, when every candidate failed,
     *         {@code provider_unavailable} ({@code timeout} when the last one timed out), retryable
     */
    public RenderResult render(ImageProvider requested, RenderSpec spec) {
        GenerationException last = null;
        for (ImageProvider provider : candidates(requested)) {
            if (!provider.enabled()) {
                last = new ProviderFailureException(GenerationException.PROVIDER_UNAVAILABLE,
                        provider.name() + " is not configured", false, null);
                Log.warnf("image %d: requested provider %s is not configured; failing over", spec.index(),
                        provider.name());
                continue;
            }
            try {
                byte[] data = provider.render(spec);
                health.succeeded(provider.name());
                if (provider != requested) {
                    Log.infof("image %d: rendered by %s instead of %s", spec.index(), provider.name(),
                            requested.name());
                }
                return new RenderResult(data, provider.name(), provider.model());
            } catch (GenerationException e) {
                health.failed(provider.name(), e);
                if (!failsOver(e)) {
                    throw e;
                }
                Log.warnf("image %d: provider %s failed (%s: %s); trying the next provider", spec.index(),
                        provider.name(), e.code(), e.getMessage());
                last = e;
            }
        }
        throw exhausted(last);
    }

    /** The provider a request's {@code provider} field names (blank: the default); empty when unknown. */
    public Optional<ImageProvider> find(String requested) {
        String name = requested == null || requested.isBlank() ? defaultProvider : requested;
        return Optional.ofNullable(providers.get(normalize(name)));
    }

    /** Every enabled provider, by name. */
    public List<ImageProvider> enabled() {
        return providers.values().stream().filter(ImageProvider::enabled).toList();
    }

    /** Whether a failure of one provider lets the next one try. */
    static boolean failsOver(GenerationException failure) {
        return GenerationException.PROVIDER_UNAVAILABLE.equals(failure.code())
                || GenerationException.TIMEOUT.equals(failure.code());
    }

    /** {@code requested}, then the enabled providers of the order, each once. */
    List<ImageProvider> candidates(ImageProvider requested) {
        List<ImageProvider> candidates = new ArrayList<>();
        candidates.add(requested);
        for (String name : order) {
            ImageProvider next = providers.get(name);
            if (next != null && next.enabled()
                    && candidates.stream().noneMatch(candidate -> candidate.name().equals(next.name()))) {
                candidates.add(next);
            }
        }
        return candidates;
    }

    private static GenerationException exhausted(GenerationException last) {
        boolean timedOut = last != null && GenerationException.TIMEOUT.equals(last.code());
        String message = "no provider could render the image"
                + (last == null ? "" : "; the last said: " + last.getMessage());
        return new GenerationException(timedOut ? GenerationException.TIMEOUT
                : GenerationException.PROVIDER_UNAVAILABLE, message, true, last);
    }

    private static String normalize(String name) {
        return name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
    }
}
