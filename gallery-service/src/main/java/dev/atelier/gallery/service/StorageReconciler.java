package dev.atelier.gallery.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import dev.atelier.events.StorageKeys;
import dev.atelier.gallery.config.ReconcilerConfig;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Compares the bucket with the {@code images} rows and reports objects no row owns (orphans: a generation whose
 * completion never arrived, a deletion that lost its row…) and rows whose original object is missing. With
 * {@code atelier.gallery.reconciler.remove=true} it deletes the orphans; it never deletes a row, since that would
 * silently lose what the user knows of the image: those are for an operator.
 * <p>
 * A merge of two sorted streams, so memory stays flat whatever the size of the bucket: S3 lists keys
 * ({@code users/{userId}/images/{imageId}/…}) in byte order, and PostgreSQL orders uuids by their bytes, which is the
 * order of their canonical text. Objects and rows younger than the grace period are not judged (an upload or a
 * generation writes its objects before its row). One replica at a time runs it (a session advisory lock); it is
 * blocking code for a worker thread.
 */
@ApplicationScoped
public class StorageReconciler {

    /** What one run found. Samples name at most {@code report-sample} keys / ids; the counts are complete. */
    public record Reconciliation(String prefix, boolean ran, Instant startedAt, Instant finishedAt, long objects,
            long rows, long orphanObjects, long recentObjects, long removedObjects, long rowsMissingOriginal,
            List<String> orphanSample, List<UUID> missingOriginalSample) {

        public boolean clean() {
            return orphanObjects == 0 && rowsMissingOriginal == 0;
        }
    }

    private static final Pattern IMAGE_KEY = Pattern.compile("users/([0-9a-f-]{36})/images/([0-9a-f-]{36})/[^/]+");
    private static final String LOCK = "select pg_try_advisory_lock(hashtext('gallery-storage-reconciler')) as locked";
    private static final String UNLOCK = "select pg_advisory_unlock(hashtext('gallery-storage-reconciler'))";
    private static final String COLUMNS = "select id, user_id, storage_keys, created_at from images ";
    private static final String ALL_FIRST = COLUMNS + "order by user_id, id limit $1";
    private static final String ALL_NEXT = COLUMNS + "where (user_id, id) > ($1, $2) order by user_id, id limit $3";
    private static final String USER_FIRST = COLUMNS + "where user_id = $1 order by id limit $2";
    private static final String USER_NEXT = COLUMNS + "where user_id = $1 and id > $2 order by id limit $3";
    private static final String OWNED_KEYS = "select storage_keys from images where id = any($1)";
    /** Longest wait for one database round trip; the run fails (and the next one starts over) beyond it. */
    private static final Duration QUERY_TIMEOUT = Duration.ofMinutes(1);

    private final Pool pool;
    private final ImageStorage storage;
    private final ReconcilerConfig config;
    private final Clock clock = Clock.systemUTC();
    private final AtomicReference<Reconciliation> last = new AtomicReference<>();

    public StorageReconciler(Pool pool, ImageStorage storage, ReconcilerConfig config) {
        this.pool = pool;
        this.storage = storage;
        this.config = config;
    }

    @Scheduled(every = "${atelier.gallery.reconciler.interval}",
            delayed = "${atelier.gallery.reconciler.initial-delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        try {
            reconcile(null, config.remove(), config.grace());
        } catch (RuntimeException e) {
            Log.warnf("Storage reconciliation failed: %s", e.toString());
        }
    }

    /** The report of the last run in this replica, or {@code null} before the first. */
    public Reconciliation lastReport() {
        return last.get();
    }

    /**
     * Compares the objects of one user ({@code userId}) or of every user ({@code null}) with the rows.
     *
     * @param remove delete the orphan objects older than {@code grace}
     * @param grace objects and rows younger than this are not judged
     */
    public Reconciliation reconcile(UUID userId, boolean remove, Duration grace) {
        String prefix = userId == null ? "users/" : StorageKeys.userPrefix(userId);
        Instant started = clock.instant();
        SqlConnection connection = pool.getConnection().await().atMost(QUERY_TIMEOUT);
        try {
            boolean locked = first(connection.query(LOCK).execute().await().atMost(QUERY_TIMEOUT)).getBoolean("locked");
            if (!locked) {
                Log.infof("Storage reconciliation of %s skipped: another replica is running one", prefix);
                return new Reconciliation(prefix, false, started, clock.instant(), 0, 0, 0, 0, 0, 0, List.of(),
                        List.of());
            }
            try {
                Reconciliation report = new Run(connection, userId, prefix, remove, started.minus(grace), started)
                        .compare();
                last.set(report);
                log(report, remove);
                return report;
            } finally {
                connection.query(UNLOCK).execute().await().atMost(QUERY_TIMEOUT);
            }
        } finally {
            connection.close().await().atMost(QUERY_TIMEOUT);
        }
    }

    private static void log(Reconciliation report, boolean remove) {
        if (report.clean()) {
            Log.infof("Storage reconciliation of %s: %d objects and %d rows agree (%d recent objects not judged)",
                    report.prefix(), report.objects(), report.rows(), report.recentObjects());
            return;
        }
        Log.warnf("Storage reconciliation of %s: %d objects, %d rows; %d objects without a row (%s), %d rows whose "
                + "original is missing, %d recent objects not judged", report.prefix(), report.objects(),
                report.rows(), report.orphanObjects(), remove ? report.removedObjects() + " removed" : "kept",
                report.rowsMissingOriginal(), report.recentObjects());
        report.orphanSample().forEach(key -> Log.warnf("Object without a row: %s", key));
        report.missingOriginalSample().forEach(id -> Log.warnf("Image %s has no original object", id));
    }

    /** A row as the comparison needs it. */
    private record ImageRow(UUID userId, UUID id, Map<String, String> keys, Instant createdAt) {
        /** Position in S3's key order; uuids in canonical (lower-case) text compare like PostgreSQL's bytes. */
        int compareTo(String user, String image) {
            int byUser = userId.toString().compareTo(user);
            return byUser != 0 ? byUser : id.toString().compareTo(image);
        }
    }

    /** One comparison: the two sorted streams and the tally. */
    private final class Run {
        private final SqlConnection connection;
        private final UUID userId;
        private final String prefix;
        private final boolean remove;
        private final Instant judgedBefore;
        private final Instant started;
        private final int sample = config.reportSample();
        private final List<String> orphanSample = new ArrayList<>();
        private final List<UUID> missingSample = new ArrayList<>();
        private final List<String> doomed = new ArrayList<>();
        private long objects;
        private long rows;
        private long orphans;
        private long recent;
        private long removed;
        private long missing;

        Run(SqlConnection connection, UUID userId, String prefix, boolean remove, Instant judgedBefore,
                Instant started) {
            this.connection = connection;
            this.userId = userId;
            this.prefix = prefix;
            this.remove = remove;
            this.judgedBefore = judgedBefore;
            this.started = started;
        }

        Reconciliation compare() {
            Iterator<ImageRow> rowStream = new RowPages();
            ImageRow row = rowStream.hasNext() ? rowStream.next() : null;
            boolean originalSeen = false;
            try {
                for (S3Object object : storage.list(prefix, config.pageSize())) {
                    objects++;
                    Matcher key = IMAGE_KEY.matcher(object.key());
                    if (key.matches() && canonical(key.group(1)) && canonical(key.group(2))) {
                        // Rows before this object's image have had all their objects listed already.
                        while (row != null && row.compareTo(key.group(1), key.group(2)) < 0) {
                            judge(row, originalSeen);
                            row = rowStream.hasNext() ? rowStream.next() : null;
                            originalSeen = false;
                        }
                        if (row != null && row.compareTo(key.group(1), key.group(2)) == 0
                                && row.keys().containsValue(object.key())) {
                            originalSeen |= object.key().equals(row.keys().get(StorageKeys.ORIGINAL));
                            continue;
                        }
                    }
                    unowned(object);
                }
            } catch (SdkException e) {
                throw new ImageStorage.StorageUnavailableException("listing " + prefix + " failed", e);
            }
            while (row != null) {
                judge(row, originalSeen);
                row = rowStream.hasNext() ? rowStream.next() : null;
                originalSeen = false;
            }
            removeDoomed();
            return new Reconciliation(prefix, true, started, clock.instant(), objects, rows, orphans, recent, removed,
                    missing, List.copyOf(orphanSample), List.copyOf(missingSample));
        }

        private void judge(ImageRow row, boolean originalSeen) {
            rows++;
            if (!originalSeen && row.createdAt().isBefore(judgedBefore)) {
                missing++;
                if (missingSample.size() < sample) {
                    missingSample.add(row.id());
                }
            }
        }

        private void unowned(S3Object object) {
            if (object.lastModified() == null || !object.lastModified().isBefore(judgedBefore)) {
                recent++;
                return;
            }
            orphans++;
            if (orphanSample.size() < sample) {
                orphanSample.add(object.key());
            }
            if (remove) {
                doomed.add(object.key());
                if (doomed.size() == ImageStorage.MAX_KEYS_PER_REQUEST) {
                    removeDoomed();
                }
            }
        }

        /**
         * Deletes the orphans found so far, except those a row has claimed since they were listed (a completion
         * consumed meanwhile): the grace period makes that unlikely, this check makes it harmless.
         */
        private void removeDoomed() {
            if (doomed.isEmpty()) {
                return;
            }
            Set<UUID> imageIds = new HashSet<>();
            for (String key : doomed) {
                Matcher matcher = IMAGE_KEY.matcher(key);
                if (matcher.matches() && canonical(matcher.group(2))) {
                    imageIds.add(UUID.fromString(matcher.group(2)));
                }
            }
            Set<String> owned = new HashSet<>();
            if (!imageIds.isEmpty()) {
                for (Row owner : query(OWNED_KEYS, Tuple.of(imageIds.toArray(UUID[]::new)))) {
                    owned.addAll(keys(owner).values());
                }
            }
            List<String> targets = new ArrayList<>(new LinkedHashSet<>(doomed));
            targets.removeAll(owned);
            Set<String> failed = storage.deleteNow(targets);
            removed += targets.size() - failed.size();
            Log.infof("Storage reconciliation removed %d object(s) without a row under %s", targets.size()
                    - failed.size(), prefix);
            doomed.clear();
        }

        /** The rows of the prefix in key order, a page at a time. */
        private final class RowPages implements Iterator<ImageRow> {
            private Iterator<ImageRow> page = List.<ImageRow>of().iterator();
            private ImageRow lastRow;
            private boolean exhausted;

            @Override
            public boolean hasNext() {
                if (!page.hasNext() && !exhausted) {
                    List<ImageRow> next = fetch();
                    exhausted = next.size() < config.pageSize();
                    page = next.iterator();
                }
                return page.hasNext();
            }

            @Override
            public ImageRow next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                lastRow = page.next();
                return lastRow;
            }

            private List<ImageRow> fetch() {
                int size = config.pageSize();
                RowSet<Row> result;
                if (userId == null) {
                    result = lastRow == null ? query(ALL_FIRST, Tuple.of(size))
                            : query(ALL_NEXT, Tuple.of(lastRow.userId(), lastRow.id(), size));
                } else {
                    result = lastRow == null ? query(USER_FIRST, Tuple.of(userId, size))
                            : query(USER_NEXT, Tuple.of(userId, lastRow.id(), size));
                }
                List<ImageRow> fetched = new ArrayList<>(result.size());
                for (Row row : result) {
                    OffsetDateTime createdAt = row.getOffsetDateTime("created_at");
                    fetched.add(new ImageRow(row.getUUID("user_id"), row.getUUID("id"), keys(row),
                            createdAt.toInstant()));
                }
                return fetched;
            }
        }

        private RowSet<Row> query(String sql, Tuple arguments) {
            return connection.preparedQuery(sql).execute(arguments).await().atMost(QUERY_TIMEOUT);
        }
    }

    private static Map<String, String> keys(Row row) {
        JsonObject keys = row.getJsonObject("storage_keys");
        Map<String, String> byVariant = new HashMap<>();
        if (keys != null) {
            keys.forEach(entry -> byVariant.put(entry.getKey(), String.valueOf(entry.getValue())));
        }
        return byVariant;
    }

    /** Whether {@code text} is a uuid exactly as StorageKeys writes it (so key order and row order agree). */
    private static boolean canonical(String text) {
        try {
            return UUID.fromString(text).toString().equals(text);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Row first(RowSet<Row> rows) {
        return rows.iterator().next();
    }
}
