package dev.atelier.gallery.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.atelier.gallery.config.GalleryConfig;
import dev.atelier.gallery.domain.Image;
import dev.atelier.gallery.domain.ImagePatch;
import dev.atelier.gallery.domain.JsonMergePatch;
import dev.atelier.gallery.repository.ImageRepository;
import dev.atelier.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/** Edits of a user's own image: name, tags, favourite, metadata. */
@ApplicationScoped
public class ImageEditService {
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final ImageRepository images;
    private final ObjectMapper json;
    private final GalleryConfig.Edit config;

    public ImageEditService(ImageRepository images, ObjectMapper json, GalleryConfig config) {
        this.images = images;
        this.json = json;
        this.config = config.edit();
    }

    /**
     * Applies the patch to the user's live image under a row lock and returns the image as it now is; 404 when it
     * does not exist or is someone else's. {@code updated_at} moves only when a value actually changed.
     */
    @WithTransaction
    public Uni<Image> patch(UUID userId, UUID imageId, ImagePatch patch) {
        return images.findLiveForUpdate(userId, imageId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Image", imageId))
                .map(image -> apply(userId, image, patch));
    }

    private Image apply(UUID userId, Image image, ImagePatch patch) {
        // Every new value is computed and checked before the entity changes: a refused patch changes nothing.
        String name = patch.name() != null ? patch.name() : image.name;
        String[] tags = patch.tags() != null ? patch.tags().toArray(String[]::new) : image.tags;
        boolean favorite = patch.favorite() != null ? patch.favorite() : image.favorite;
        JsonNode storedMetadata = json.valueToTree(image.metadata == null ? Map.of() : image.metadata);
        JsonNode metadata = patch.metadata() == null ? storedMetadata : merge(storedMetadata, patch.metadata());

        List<String> changed = new ArrayList<>();
        if (!Objects.equals(name, image.name)) {
            changed.add("name");
            image.name = name;
        }
        if (!Arrays.equals(tags, image.tags)) {
            changed.add("tags");
            image.tags = tags;
        }
        if (favorite != image.favorite) {
            changed.add("favorite");
            image.favorite = favorite;
        }
        if (!metadata.equals(storedMetadata)) {
            changed.add("metadata");
            image.metadata = json.convertValue(metadata, MAP);
        }
        if (changed.isEmpty()) {
            Log.debugf("image %s of user %s: patch changed nothing", image.id, userId);
        } else {
            image.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            Log.infof("image %s of user %s: changed %s", image.id, userId, String.join(", ", changed));
        }
        return image;
    }

    /** RFC 7396 over the stored metadata; a JSON null clears it. The result must stay within the size limit. */
    private JsonNode merge(JsonNode stored, JsonNode patch) {
        JsonNode merged = patch.isNull() ? json.createObjectNode() : JsonMergePatch.apply(stored, patch);
        int size;
        try {
            size = json.writeValueAsBytes(merged).length;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed JSON tree always serializes", e);
        }
        if (size > config.metadataMaxBytes()) {
            throw ProblemException.invalidField("metadata", "must be at most " + config.metadataMaxBytes()
                    + " bytes of JSON once merged into the stored metadata; it would be " + size);
        }
        return merged;
    }
}
