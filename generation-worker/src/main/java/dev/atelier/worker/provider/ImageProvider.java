package dev.atelier.worker.provider;

import java.util.Optional;

import dev.atelier.worker.domain.GenerationException;
import dev.atelier.worker.domain.RenderSpec;

/**
 * One way of turning a prompt into pixels (DESIGN.md §6): {@code local} (offline), {@code openai},
 * {@code stability}, {@code huggingface}, picked by {@link #name()}. Called on a worker thread, so an
 * implementation may block.
 */
public interface ImageProvider {

    /** The name requests use in their {@code provider} field, e.g. {@code local}. */
    String name();

    /** The model reported in {@code generation.completed}. */
    String model();

    /** False when the provider lacks what it needs to run (e.g. an API key); it is then skipped. */
    default boolean enabled() {
        return true;
    }

    /**
     * The name of this provider's circuit breaker (SmallRye {@code CircuitBreakerMaintenance}); empty when it has
     * none. Remote providers use their own name.
     */
    default Optional<String> circuitBreaker() {
        return Optional.empty();
    }

    /**
     * Renders one image of {@code spec.size()} and returns it encoded (PNG, JPEG or WebP) exactly as the provider
     * produced it; the caller decodes and validates it. A remote provider answers the supported size nearest to the
     * requested one (same aspect ratio where it can), so the dimensions may differ from {@code spec.size()}.
     *
     * @throws GenerationException with a stable code ({@code provider_unavailable}, {@code timeout},
     *         {@code content_blocked}, {@code render_failed}, …); retryable when trying again later may help
     */
    byte[] render(RenderSpec spec);
}
