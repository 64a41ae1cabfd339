package dev.atelier.worker.moderation;

import jakarta.enterprise.context.ApplicationScoped;

/** {@code none}: every image is allowed (for deployments that moderate elsewhere). */
@ApplicationScoped
public class NoImageModerator implements ImageModerator {
    public static final String NAME = "none";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ModerationVerdict moderate(ModerationImage image) {
        return ModerationVerdict.allowed();
    }
}
