package dev.atelier.worker.moderation;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import dev.atelier.worker.config.WorkerConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/** The {@link ImageModerator} {@code atelier.worker.moderation.provider} selects; checked at startup. */
@ApplicationScoped
public class ImageModeration {
    private final ImageModerator selected;

    public ImageModeration(@Any Instance<ImageModerator> moderators, WorkerConfig config) {
        this.selected = select(moderators.stream().toList(), config.moderation().provider());
    }

    /**
     * The moderator named {@code provider}.
     *
     * @throws IllegalStateException when there is none, or it lacks its configuration
     */
    static ImageModerator select(Collection<ImageModerator> moderators, String provider) {
        Map<String, ImageModerator> byName = moderators.stream().collect(Collectors.toUnmodifiableMap(
                moderator -> moderator.name().toLowerCase(Locale.ROOT), Function.identity()));
        String name = provider.trim().toLowerCase(Locale.ROOT);
        ImageModerator moderator = byName.get(name);
        if (moderator == null) {
            throw new IllegalStateException("atelier.worker.moderation.provider is '" + name + "'; known: "
                    + byName.keySet().stream().sorted().toList());
        }
        if (moderator instanceof OpenAiImageModerator openAi && !openAi.configured()) {
            throw new IllegalStateException("atelier.worker.moderation.provider is openai but "
                    + "atelier.worker.moderation.openai.api-key is not set");
        }
        return moderator;
    }

    void report(@Observes StartupEvent startup) {
        Log.infof("images are moderated by '%s' before they are stored", selected.name());
    }

    public ImageModerator moderator() {
        return selected;
    }
}
