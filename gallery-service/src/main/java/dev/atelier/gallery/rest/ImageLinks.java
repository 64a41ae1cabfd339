package dev.atelier.gallery.rest;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.atelier.gallery.domain.Image;
import dev.atelier.gallery.domain.Variant;

/** Relative URLs of an image's content; the same paths work through the gateway. */
final class ImageLinks {
    private ImageLinks() {
    }

    static String content(Image image, Variant variant) {
        return ImageResource.PATH + "/" + image.id + "/content?variant=" + variant.wireName();
    }

    /** Stored variants, smallest first. */
    static Map<String, String> variants(Image image) {
        Map<String, String> variants = new LinkedHashMap<>();
        for (Variant variant : Variant.values()) {
            if (image.storageKey(variant) != null) {
                variants.put(variant.wireName(), content(image, variant));
            }
        }
        return variants;
    }

    /** The thumbnail, or the smallest variant that is stored when there is no thumbnail. */
    static String thumb(Image image) {
        return Arrays.stream(Variant.values())
                .filter(variant -> image.storageKey(variant) != null)
                .findFirst()
                .map(variant -> content(image, variant))
                .orElse(null);
    }

    static List<String> tags(Image image) {
        return image.tags == null ? List.of() : List.of(image.tags);
    }
}
