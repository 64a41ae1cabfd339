package dev.atelier.gallery.messaging;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.atelier.events.GeneratedImage;
import dev.atelier.events.GenerationCompleted;
import dev.atelier.events.StorageKeys;

class GenerationCompletedValidationTest {
    private final UUID user = UUID.randomUUID();
    private final UUID imageId = UUID.randomUUID();

    @Test
    void eventWithOwnKeysIsValid() {
        assertDoesNotThrow(() -> GenerationCompletedConsumer.validate(event(image(imageId, Map.of(
                StorageKeys.ORIGINAL, key(user, imageId, StorageKeys.ORIGINAL),
                StorageKeys.THUMB, key(user, imageId, StorageKeys.THUMB))))));
    }

    @Test
    void missingPayloadIsInvalid() {
        assertThrows(InvalidEventException.class, () -> GenerationCompletedConsumer.validate(null));
    }

    @Test
    void eventWithoutImagesIsInvalid() {
        assertThrows(InvalidEventException.class, () -> GenerationCompletedConsumer.validate(event()));
    }

    @Test
    void imageWithoutOriginalIsInvalid() {
        assertThrows(InvalidEventException.class, () -> GenerationCompletedConsumer.validate(
                event(image(imageId, Map.of(StorageKeys.THUMB, key(user, imageId, StorageKeys.THUMB))))));
    }

    @Test
    void keyOfAnotherUsersFolderIsInvalid() {
        assertThrows(InvalidEventException.class, () -> GenerationCompletedConsumer.validate(event(image(imageId,
                Map.of(StorageKeys.ORIGINAL, key(UUID.randomUUID(), imageId, StorageKeys.ORIGINAL))))));
    }

    @Test
    void keyOfAnotherImageIsInvalid() {
        assertThrows(InvalidEventException.class, () -> GenerationCompletedConsumer.validate(event(image(imageId,
                Map.of(StorageKeys.ORIGINAL, key(user, UUID.randomUUID(), StorageKeys.ORIGINAL))))));
    }

    @Test
    void keyThatOnlyStartsLikeTheOwnersIsInvalid() {
        String sneaky = StorageKeys.userPrefix(user) + "images/" + imageId + "/original.png/../../../other";
        assertThrows(InvalidEventException.class, () -> GenerationCompletedConsumer.validate(
                event(image(imageId, Map.of(StorageKeys.ORIGINAL, sneaky)))));
    }

    @Test
    void unknownVariantIsInvalid() {
        assertThrows(InvalidEventException.class, () -> GenerationCompletedConsumer.validate(event(image(imageId,
                Map.of(StorageKeys.ORIGINAL, key(user, imageId, StorageKeys.ORIGINAL),
                        "huge", "users/" + user + "/images/" + imageId + "/huge.png")))));
    }

    @Test
    void sameImageListedTwiceIsInvalid() {
        GeneratedImage image = image(imageId, Map.of(StorageKeys.ORIGINAL, key(user, imageId, StorageKeys.ORIGINAL)));
        assertThrows(InvalidEventException.class, () -> GenerationCompletedConsumer.validate(event(image, image)));
    }

    private GenerationCompleted event(GeneratedImage... images) {
        return new GenerationCompleted(UUID.randomUUID(), GenerationCompleted.VERSION, Instant.now(), user,
                UUID.randomUUID(), "prompt", "minimal", null, null, 1L, "local", "m", List.of(images));
    }

    private static GeneratedImage image(UUID id, Map<String, String> keys) {
        return new GeneratedImage(id, 0, "png", 8, 8, 100, null, keys);
    }

    private static String key(UUID user, UUID image, String variant) {
        return StorageKeys.image(user, image, variant, "png");
    }
}
