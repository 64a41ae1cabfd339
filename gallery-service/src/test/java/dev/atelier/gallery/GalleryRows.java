package dev.atelier.gallery;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import dev.atelier.events.StorageKeys;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Rows of {@code images} written straight into the real database: faster than a Kafka round trip per image, and
 * every column (creation time, tags, favourite, trash) is under the test's control. The consumer path that
 * normally writes them has its own tests.
 */
@ApplicationScoped
public class GalleryRows {
    /** A fixed past instant that tests count from, so their order never depends on the clock. */
    public static final Instant BASE = Instant.parse("2026-03-01T12:00:00Z");

    private final Pool pool;

    public GalleryRows(Pool pool) {
        this.pool = pool;
    }

    /** An image row with plausible defaults; tests change what they care about. */
    public static final class ImageRow {
        public UUID id = UUID.randomUUID();
        public String name = "Untitled";
        public String prompt = "a picture";
        public String style = "artistic";
        public String emotion = "calm";
        public List<String> tags = new ArrayList<>();
        public boolean favorite;
        public long bytes = 1_000;
        public String metadata = "{\"provider\":\"local\",\"seed\":7}";
        public Instant createdAt = BASE;
        public Instant deletedAt;
        public UUID jobId;
        public String source = "generated";
    }

    public UUID insert(UUID userId, Consumer<ImageRow> spec) {
        ImageRow row = new ImageRow();
        spec.accept(row);
        JsonObject keys = new JsonObject()
                .put(StorageKeys.ORIGINAL, StorageKeys.image(userId, row.id, StorageKeys.ORIGINAL, "png"))
                .put(StorageKeys.THUMB, StorageKeys.image(userId, row.id, StorageKeys.THUMB, "png"));
        pool.preparedQuery("""
                insert into images (id, user_id, name, prompt, style, emotion, tags, favorite, metadata, source, format,
                                    width, height, bytes, storage_keys, created_at, updated_at, deleted_at, job_id)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9::text::jsonb, $15, 'png', 64, 48, $10, $11, $12, $12,
                        $13, $14)
                """)
                .execute(Tuple.from(new Object[] { row.id, userId, row.name, row.prompt, row.style, row.emotion,
                        row.tags.toArray(String[]::new), row.favorite, row.metadata, row.bytes, keys,
                        row.createdAt.atOffset(ZoneOffset.UTC),
                        row.deletedAt == null ? null : row.deletedAt.atOffset(ZoneOffset.UTC), row.jobId,
                        row.source }))
                .await().indefinitely();
        return row.id;
    }

    /** The stored row of {@code id}, whoever owns it. */
    public Row select(UUID id) {
        return pool.preparedQuery("select *, metadata::text as metadata_json from images where id = $1")
                .execute(Tuple.of(id)).await().indefinitely().iterator().next();
    }

    public static Instant at(int seconds) {
        return BASE.plus(seconds, ChronoUnit.SECONDS);
    }

    public Pool pool() {
        return pool;
    }
}
