package dev.atelier.outbox;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How an {@link OutboxRelay} works its table. Build with {@link #of(int, Duration, Duration)} and adjust with
 * {@link #inTable(String)} and {@link #inStrictOrder(String)}; each service reads the numbers from its own config.
 *
 * @param table the outbox table (see {@code dev/atelier/outbox/outbox.sql}), optionally schema-qualified
 * @param batchSize rows claimed and published per relay transaction
 * @param sendTimeout longest wait for the broker's acknowledgement of one row
 * @param retention published rows older than this are deleted by {@link OutboxRelay#purge()}
 * @param strictOrderLock {@code null}: rows are sent pipelined; otherwise the name of the advisory lock that makes
 *        the replicas relay one at a time, see {@link #inStrictOrder(String)}
 */
public record OutboxSettings(String table, int batchSize, Duration sendTimeout, Duration retention,
        String strictOrderLock) {
    public static final String DEFAULT_TABLE = "outbox";
    /** The table name goes into the SQL text, so only a plain (optionally schema-qualified) identifier is allowed. */
    private static final Pattern IDENTIFIER = Pattern.compile("([a-z_][a-z0-9_]*\\.)?[a-z_][a-z0-9_]*");

    public OutboxSettings {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(sendTimeout, "sendTimeout");
        Objects.requireNonNull(retention, "retention");
        if (!IDENTIFIER.matcher(table).matches()) {
            throw new IllegalArgumentException("not a plain lower-case table name: " + table);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive: " + batchSize);
        }
        if (sendTimeout.isNegative() || sendTimeout.isZero()) {
            throw new IllegalArgumentException("sendTimeout must be positive: " + sendTimeout);
        }
        if (retention.isNegative()) {
            throw new IllegalArgumentException("retention must not be negative: " + retention);
        }
        if (strictOrderLock != null && strictOrderLock.isBlank()) {
            throw new IllegalArgumentException("strictOrderLock must name a lock");
        }
    }

    /**
     * Pipelined relay on the table {@value #DEFAULT_TABLE}: a claimed batch goes to the producer at once, without
     * waiting for each acknowledgement, and the acknowledged rows are marked published in one update. The idempotent
     * producer keeps one key's rows in order within a partition; a row whose send fails stays pending while the rows
     * after it may already be out, and replicas relay at the same time (on disjoint rows). Suits consumers that
     * tolerate reordering after a failure.
     */
    public static OutboxSettings of(int batchSize, Duration sendTimeout, Duration retention) {
        return new OutboxSettings(DEFAULT_TABLE, batchSize, sendTimeout, retention, null);
    }

    public OutboxSettings inTable(String name) {
        return new OutboxSettings(name, batchSize, sendTimeout, retention, strictOrderLock);
    }

    /**
     * Strict order: the replicas relay one after the other (a transaction-level advisory lock named
     * {@code lockName}, unique within the database), the rows of a batch are sent one at a time, and the first send
     * that fails ends the batch, so no row ever overtakes a pending one (an unreadable row excepted: it is skipped
     * and stays pending). Slower than pipelined: one broker round trip per row.
     */
    public OutboxSettings inStrictOrder(String lockName) {
        return new OutboxSettings(table, batchSize, sendTimeout, retention, Objects.requireNonNull(lockName));
    }

    public boolean strictOrder() {
        return strictOrderLock != null;
    }
}
