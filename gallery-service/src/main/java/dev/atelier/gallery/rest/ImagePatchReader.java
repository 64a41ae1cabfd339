package dev.atelier.gallery.rest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import dev.atelier.gallery.config.GalleryConfig;
import dev.atelier.gallery.domain.ImagePatch;
import dev.atelier.gallery.domain.Tags;
import dev.atelier.gallery.domain.Text;
import dev.atelier.problem.ProblemException;
import io.quarkus.logging.Log;

/**
 * Reads a {@code PATCH /images/{id}} body, a JSON merge patch (RFC 7396) of the editable fields, into an
 * {@link ImagePatch}; anything else is one 400 problem naming every offending field. Parsed here rather than bound
 * to a record: a merge patch must tell an absent member from a {@code null} one, and unknown members are refused.
 */
@ApplicationScoped
public class ImagePatchReader {
    static final String NAME = "name";
    static final String TAGS = "tags";
    static final String FAVORITE = "favorite";
    static final String METADATA = "metadata";
    static final Set<String> EDITABLE = Set.of(NAME, TAGS, FAVORITE, METADATA);

    private final ObjectReader reader;
    private final GalleryConfig.Edit editing;
    private final GalleryConfig.Tags tagging;
    private final Tags tags;

    public ImagePatchReader(ObjectMapper json, GalleryConfig config) {
        // A repeated member is ambiguous (which one wins?), trailing text is not one JSON value: both are refused.
        this.reader = json.reader()
                .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.editing = config.edit();
        this.tagging = config.tags();
        this.tags = new Tags(tagging.maxLength());
    }

    public ImagePatch read(byte[] body) {
        if (body != null && body.length > editing.maxBodyBytes()) {
            throw new ProblemException(413, "payload-too-large", "Payload too large",
                    "A patch may be at most " + editing.maxBodyBytes() + " bytes");
        }
        JsonNode patch = parse(body);
        if (patch == null || !patch.isObject()) {
            throw ProblemException.invalidField("body", "must be a JSON object (a JSON merge patch)");
        }
        FieldErrors errors = new FieldErrors();
        Set<String> unknown = new LinkedHashSet<>();
        patch.fieldNames().forEachRemaining(field -> {
            if (!EDITABLE.contains(field)) {
                unknown.add(field);
            }
        });
        unknown.forEach(field -> errors.add(field, "cannot be changed; a patch may set name, tags, favorite and "
                + "metadata"));
        String name = patch.has(NAME) ? name(patch.get(NAME), errors) : null;
        List<String> tagged = patch.has(TAGS) ? tags(patch.get(TAGS), errors) : null;
        Boolean favorite = patch.has(FAVORITE) ? favorite(patch.get(FAVORITE), errors) : null;
        JsonNode metadata = patch.has(METADATA) ? metadata(patch.get(METADATA), errors) : null;
        errors.throwIfAny();
        return new ImagePatch(name, tagged, favorite, metadata);
    }

    private JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return reader.readTree(body);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            String what = e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")
                    ? "repeats a member" : "is not valid JSON";
            throw new ProblemException(400, "malformed-json", "Malformed JSON", "The request body " + what + where,
                    List.of());
        } catch (IOException e) {
            Log.debugf("patch body unreadable: %s", e.toString());
            throw new ProblemException(400, "malformed-json", "Malformed JSON", "The request body is not valid JSON",
                    List.of());
        }
    }

    private String name(JsonNode value, FieldErrors errors) {
        if (value.isNull()) {
            errors.add(NAME, "cannot be removed; give a new name");
            return null;
        }
        if (!value.isTextual()) {
            errors.add(NAME, "must be a string");
            return null;
        }
        String name = value.textValue().strip();
        int length = Text.length(name);
        if (length < 1 || length > editing.nameMaxLength()) {
            errors.add(NAME, "must be 1 to " + editing.nameMaxLength() + " characters after trimming");
        } else if (Text.hasControlOrBrokenCharacter(name)) {
            errors.add(NAME, "must not contain control characters");
        }
        return name;
    }

    /** Normalised, distinct, in the order given; {@code null} clears them (an empty list). */
    private List<String> tags(JsonNode value, FieldErrors errors) {
        if (value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            errors.add(TAGS, "must be an array of strings, or null to remove every tag");
            return null;
        }
        if (value.size() > tagging.maxCount()) {
            errors.add(TAGS, "must have at most " + tagging.maxCount() + " tags");
            return null;
        }
        Set<String> normalised = new LinkedHashSet<>();
        for (int index = 0; index < value.size(); index++) {
            JsonNode tag = value.get(index);
            String field = TAGS + "[" + index + "]";
            if (!tag.isTextual()) {
                errors.add(field, "must be a string");
                continue;
            }
            String normal = Tags.normalise(tag.textValue());
            tags.violation(normal).ifPresentOrElse(message -> errors.add(field, message), () -> normalised.add(normal));
        }
        return new ArrayList<>(normalised);
    }

    private static Boolean favorite(JsonNode value, FieldErrors errors) {
        if (!value.isBoolean()) {
            errors.add(FAVORITE, "must be true or false");
            return null;
        }
        return value.booleanValue();
    }

    /** An object to merge, or a JSON null that clears the metadata. */
    private JsonNode metadata(JsonNode value, FieldErrors errors) {
        if (value.isNull()) {
            return value;
        }
        if (!value.isObject()) {
            errors.add(METADATA, "must be a JSON object to merge into the metadata, or null to remove it all");
            return null;
        }
        String problem = storable(value, 1);
        if (problem != null) {
            errors.add(METADATA, problem);
            return null;
        }
        return value;
    }

    /** Why PostgreSQL could not store {@code node} as jsonb or our limits refuse it, or {@code null}. */
    private String storable(JsonNode node, int depth) {
        if (node.isContainerNode() && depth > editing.metadataMaxDepth()) {
            return "must not nest objects and arrays more than " + editing.metadataMaxDepth() + " levels deep";
        }
        if (node.isTextual() && Text.hasUnstorableCharacter(node.textValue())) {
            return "must not contain NUL characters or lone surrogates";
        }
        // 1e400 parses as an infinite double, which JSON cannot represent.
        if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
            return "must only have finite numbers";
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                if (Text.hasUnstorableCharacter(member.getKey())) {
                    return "must not contain NUL characters or lone surrogates";
                }
                String problem = storable(member.getValue(), depth + 1);
                if (problem != null) {
                    return problem;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                String problem = storable(element, depth + 1);
                if (problem != null) {
                    return problem;
                }
            }
        }
        return null;
    }
}
