package dev.atelier.gallery.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.atelier.events.StorageKeys;
import dev.atelier.gallery.domain.Image;

class PurgeSelectionTest {
    private final UUID user = UUID.randomUUID();

    @Test
    void anImageWithAnObjectS3KeptIsNotPurged() {
        Image clean = image();
        Image stuck = image();
        String kept = stuck.storageKeys.get(StorageKeys.THUMB);

        assertEquals(List.of(clean), TrashService.purgeable(List.of(clean, stuck), Set.of(kept)));
    }

    @Test
    void everyImageIsPurgedWhenEveryObjectIsGone() {
        Image first = image();
        Image second = image();

        assertEquals(List.of(first, second), TrashService.purgeable(List.of(first, second), Set.of()));
    }

    @Test
    void anImageWithoutObjectsIsPurged() {
        Image empty = new Image();
        empty.id = UUID.randomUUID();
        empty.storageKeys = Map.of();

        assertEquals(List.of(empty), TrashService.purgeable(List.of(empty), Set.of("users/x/images/y/original.png")));
    }

    private Image image() {
        Image image = new Image();
        image.id = UUID.randomUUID();
        image.userId = user;
        image.storageKeys = Map.of(
                StorageKeys.ORIGINAL, StorageKeys.image(user, image.id, StorageKeys.ORIGINAL, "png"),
                StorageKeys.THUMB, StorageKeys.image(user, image.id, StorageKeys.THUMB, "png"));
        return image;
    }
}
