package dev.atelier.worker.moderation;

/**
 * Checks a rendered image before it is stored (DESIGN.md §7). Implementations are beans picked by
 * {@code atelier.worker.moderation.provider}; called on a helper thread, so they may block.
 */
public interface ImageModerator {

    /** The value of {@code atelier.worker.moderation.provider} that selects this moderator. */
    String name();

    /**
     * @throws dev.atelier.worker.domain.GenerationException {@code provider_unavailable} when the check could not
     *         be made: the image is then not stored (fail closed)
     */
    ModerationVerdict moderate(ModerationImage image);
}
