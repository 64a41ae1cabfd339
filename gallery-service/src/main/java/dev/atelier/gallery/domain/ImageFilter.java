package dev.atelier.gallery.domain;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What a gallery list is narrowed to, already validated and normalised; {@code null} (or no tags) means "any".
 *
 * @param text    fuzzy over name and prompt ({@code q})
 * @param name    substring or fuzzy over the name alone
 * @param prompt  substring or fuzzy over the prompt alone
 * @param tags    every one of them must be on the image; normalised, distinct, sorted
 * @param from    created at or after (inclusive)
 * @param until   created before (exclusive)
 */
public record ImageFilter(String text, String name, String prompt, String style, String emotion, List<String> tags,
        Boolean favorite, Instant from, Instant until, UUID job) {

    public static final ImageFilter NONE = new ImageFilter(null, null, null, null, null, List.of(), null, null, null);

    public ImageFilter {
        tags = tags == null ? List.of() : tags.stream().distinct().sorted().toList();
    }

    /** Without a job. */
    public ImageFilter(String text, String name, String prompt, String style, String emotion, List<String> tags,
            Boolean favorite, Instant from, Instant until) {
        this(text, name, prompt, style, emotion, tags, favorite, from, until, null);
    }

    public boolean hasText() {
        return text != null;
    }

    /**
     * A digest of the filter and the order, carried by cursors: a cursor only continues the list it came from.
     * Stable across releases and replicas (no {@code hashCode}).
     */
    public long fingerprint(ListOrder order) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(order.wireName());
            write(out, text);
            write(out, name);
            write(out, prompt);
            write(out, style);
            write(out, emotion);
            out.writeInt(tags.size());
            for (String tag : tags) {
                write(out, tag);
            }
            write(out, favorite == null ? null : favorite.toString());
            write(out, from == null ? null : from.toString());
            write(out, until == null ? null : until.toString());
            // Only when given, so the cursors of lists without it (issued before it existed) still match.
            if (job != null) {
                write(out, job.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray());
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Length-prefixed, with -1 for "absent", so no two different filters write the same bytes. */
    private static void write(DataOutputStream out, String value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }
}
