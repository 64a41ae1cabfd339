package dev.atelier.events;

import java.util.UUID;

/**
 * S3 object keys (DESIGN.md §5): {@code users/{userId}/images/{imageId}/{variant}.{ext}}, built only from ids and
 * fixed names, never from user text.
 */
public final class StorageKeys {
    public static final String ORIGINAL = "original";
    public static final String MEDIUM = "medium";
    public static final String THUMB = "thumb";

    private StorageKeys() {
    }

    public static String image(UUID userId, UUID imageId, String variant, String extension) {
        if (!ORIGINAL.equals(variant) && !MEDIUM.equals(variant) && !THUMB.equals(variant)) {
            throw new IllegalArgumentException("unknown variant " + variant);
        }
        if (!extension.matches("[a-z0-9]{1,5}")) {
            throw new IllegalArgumentException("bad extension " + extension);
        }
        return "users/" + userId + "/images/" + imageId + "/" + variant + "." + extension;
    }

    /** Prefix of every object a user owns: what account deletion removes. */
    public static String userPrefix(UUID userId) {
        return "users/" + userId + "/";
    }
}
