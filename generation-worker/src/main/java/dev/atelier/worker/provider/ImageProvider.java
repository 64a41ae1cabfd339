package dev.atelier.worker.provider;

import java.awt.image.BufferedImage;

import dev.atelier.worker.domain.GenerationException;
import dev.atelier.worker.domain.RenderSpec;

/**
 * One way of turning a prompt into pixels (DESIGN.md §6): the offline {@code local} renderer today; remote
 * APIs (openai, stability, huggingface) are further implementations, picked by {@link #name()}. Called on a
 * worker thread, so an implementation may block.
 */
public interface ImageProvider {

    /** The name requests use in their {@code provider} field, e.g. {@code local}. */
    String name();

    /** The model reported in {@code generation.completed}. */
    String model();

    /**
     * Renders one image of exactly {@code spec.size()}.
     *
     * @throws GenerationException with code {@code render-failed} (retryable when trying again may help)
     */
    BufferedImage render(RenderSpec spec);
}
