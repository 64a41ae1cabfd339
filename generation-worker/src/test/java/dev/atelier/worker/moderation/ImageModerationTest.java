package dev.atelier.worker.moderation;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.atelier.worker.testing.TestConfigs;

class ImageModerationTest {
    private final LocalImageModerator local = new LocalImageModerator(TestConfigs.worker());
    private final NoImageModerator none = new NoImageModerator();

    @Test
    void theConfiguredModeratorIsSelectedByName() {
        assertSame(local, ImageModeration.select(List.of(local, none), "local"));
        assertSame(none, ImageModeration.select(List.of(local, none), " NONE "));
    }

    @Test
    void anUnknownModeratorStopsTheStartWithTheKnownNames() {
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> ImageModeration.select(List.of(local, none), "azure"));

        assertTrue(failure.getMessage().contains("[local, none]"), failure.getMessage());
    }
}
