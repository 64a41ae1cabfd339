package dev.atelier.worker.provider;

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
     * Renders one image of {@code spec.size()} and returns it encoded (PNG, JPEG or WebP) exactly as the provider
     * produced it; the caller decodes and validates it.
     *
     * @throws GenerationException with a stable code ({@code provider_unavailable}, {@code timeout},
     *         {@code content_blocked}, {@code render_failed}, …); retryable when trying again later may help
     */
    byte[] render(RenderSpec spec);
}
