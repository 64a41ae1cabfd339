package dev.atelier.image;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.atelier.events.GeneratedImage;
import dev.atelier.events.GenerationCompleted;
import dev.atelier.events.GenerationFailed;
import dev.atelier.events.GenerationProgress;
import dev.atelier.events.StorageKeys;

/** The worker's events, built as the worker builds them. */
public final class JobEvents {
    private JobEvents() {
    }

    public static GenerationProgress progress(UUID user, UUID job, int percent) {
        return new GenerationProgress(UUID.randomUUID(), GenerationProgress.VERSION, Instant.now(), user, job, percent);
    }

    /** A completion delivering {@code images} images. */
    public static GenerationCompleted completed(UUID user, UUID job, int images) {
        List<GeneratedImage> delivered = new ArrayList<>();
        for (int index = 0; index < images; index++) {
            UUID image = UUID.randomUUID();
            delivered.add(new GeneratedImage(image, index, "png", 1024, 1024, 2048, "ab".repeat(32),
                    Map.of(StorageKeys.ORIGINAL, StorageKeys.image(user, image, StorageKeys.ORIGINAL, "png"))));
        }
        return new GenerationCompleted(UUID.randomUUID(), GenerationCompleted.VERSION, Instant.now(), user, job,
                "a prompt", "realistic", null, null, 7, "local", "procedural-v1", delivered);
    }

    public static GenerationFailed failed(UUID user, UUID job) {
        return new GenerationFailed(UUID.randomUUID(), GenerationFailed.VERSION, Instant.now(), user, job,
                "provider_unavailable", "every provider is down", true);
    }
}
