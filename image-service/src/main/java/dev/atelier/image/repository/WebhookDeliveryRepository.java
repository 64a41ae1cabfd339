package dev.atelier.image.repository;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The queue of webhook deliveries ({@code webhook_deliveries}, filled by the trigger of migration V6) and their
 * attempts. Straight SQL on the pool: a claim must lock rows with {@code SKIP LOCKED} so that every instance can
 * deliver without two of them sending one message at once.
 */
@ApplicationScoped
public class WebhookDeliveryRepository {
    /**
     * Claims due deliveries by moving their next attempt past the lease: the claimer sends them now, and should it
     * die before recording the outcome, they are due again once the lease is over (at least once).
     */
    private static final String CLAIM = """
            with due as (
                select id from webhook_deliveries
                where status = 'pending' and next_attempt_at <= clock_timestamp()
                order by next_attempt_at
                limit $1
                for update skip locked)
            update webhook_deliveries d
            set next_attempt_at = clock_timestamp() + make_interval(secs => $2), attempts = d.attempts + 1
            from due
            where d.id = due.id
            returning d.id""";
    private static final String CLAIMED = """
            select d.id, d.endpoint_id, d.user_id, d.job_id, d.event_type, d.attempts, d.payload, d.retry_from,
                   coalesce(e.url, d.url) as url, coalesce(e.enabled, true) as enabled,
                   case when d.endpoint_id is null then s.secret else e.secret end as secret,
                   case when d.endpoint_id is null then s.previous_secret else e.previous_secret end as previous,
                   case when d.endpoint_id is null then s.previous_secret_expires_at
                        else e.previous_secret_expires_at end as previous_expires_at
            from webhook_deliveries d
            left join webhook_endpoints e on e.id = d.endpoint_id
            left join webhook_user_secrets s on s.user_id = d.user_id
            where d.id = any($1)""";
    private static final String ATTEMPT = """
            insert into webhook_attempts (delivery_id, attempted_at, status_code, error, duration_ms)
            values ($1, $2, $3, $4, $5)""";
    private static final String OUTCOME = """
            update webhook_deliveries
            set status = $2, next_attempt_at = coalesce($3, next_attempt_at), last_status = $4, last_error = $5,
                payload = coalesce(payload, $6),
                finished_at = case when $2 = 'pending' then null else clock_timestamp() end
            where id = $1""";
    private static final String DISABLE = """
            update webhook_endpoints set enabled = false, disabled_reason = $2, updated_at = clock_timestamp()
            where id = $1""";
    private static final String LOGGED = """
            select d.id, d.endpoint_id, coalesce(e.url, d.url) as url, d.job_id, d.event_type, d.status, d.attempts,
                   d.next_attempt_at, d.last_status, d.last_error, d.created_at, d.finished_at
            from webhook_deliveries d
            left join webhook_endpoints e on e.id = d.endpoint_id
            """;
    private static final String PAGE = LOGGED + """
            where d.endpoint_id = $1
              and ($2::timestamptz is null or (d.created_at, d.id) < ($2, $3))
            order by d.created_at desc, d.id desc
            limit $4""";
    private static final String OF_JOB = LOGGED + """
            where d.job_id = $1
            order by d.created_at, d.id""";
    private static final String ATTEMPTS = """
            select delivery_id, attempted_at, status_code, error, duration_ms from webhook_attempts
            where delivery_id = any($1) order by id""";
    private static final String REDELIVER = """
            update webhook_deliveries
            set status = 'pending', next_attempt_at = clock_timestamp(), retry_from = clock_timestamp(),
                finished_at = null
            where id = $1 and endpoint_id = $2
            returning id""";
    private static final String PURGE = """
            delete from webhook_deliveries
            where status <> 'pending' and finished_at < clock_timestamp() - make_interval(secs => $1)""";

    private final Pool pool;

    public WebhookDeliveryRepository(Pool pool) {
        this.pool = pool;
    }

    /** Up to {@code limit} due deliveries, now this caller's for {@code lease}. */
    public Uni<List<Claimed>> claimDue(int limit, Duration lease) {
        return pool.withTransaction(connection -> connection.preparedQuery(CLAIM)
                        .execute(Tuple.of(limit, seconds(lease))))
                .chain(rows -> {
                    List<UUID> ids = new ArrayList<>();
                    rows.forEach(row -> ids.add(row.getUUID("id")));
                    if (ids.isEmpty()) {
                        return Uni.createFrom().item(List.<Claimed>of());
                    }
                    return pool.preparedQuery(CLAIMED).execute(Tuple.of(ids.toArray(UUID[]::new)))
                            .map(WebhookDeliveryRepository::claimed);
                });
    }

    /**
     * Records one attempt and where the delivery stands after it; {@code disableEndpoint} (a 410) disables its
     * endpoint, in the same transaction.
     */
    public Uni<Void> record(Claimed delivery, Attempt attempt, Outcome outcome, String disableEndpoint) {
        return pool.withTransaction(connection -> connection.preparedQuery(ATTEMPT)
                .execute(Tuple.of(delivery.id(), at(attempt.at()), attempt.statusCode(), attempt.error(),
                        attempt.durationMillis()))
                .chain(() -> connection.preparedQuery(OUTCOME).execute(Tuple.from(Arrays.asList(delivery.id(),
                        outcome.status(), at(outcome.nextAttemptAt()), attempt.statusCode(),
                        attempt.error(), outcome.payload()))))
                .chain(() -> disableEndpoint == null || delivery.endpointId() == null ? Uni.createFrom().voidItem()
                        : connection.preparedQuery(DISABLE).execute(Tuple.of(delivery.endpointId(), disableEndpoint))
                                .replaceWithVoid())
                .replaceWithVoid());
    }

    /** One page of an endpoint's deliveries, newest first, each with its attempts. */
    public Uni<List<Logged>> page(UUID endpointId, Instant beforeCreatedAt, UUID beforeId, int limit) {
        return pool.preparedQuery(PAGE)
                .execute(Tuple.from(Arrays.asList(endpointId, at(beforeCreatedAt), beforeId, limit)))
                .chain(this::withAttempts);
    }

    /** Every delivery of one job (to each endpoint and to its one-off URL), oldest first, with their attempts. */
    public Uni<List<Logged>> ofJob(UUID jobId) {
        return pool.preparedQuery(OF_JOB).execute(Tuple.of(jobId)).chain(this::withAttempts);
    }

    private Uni<List<Logged>> withAttempts(RowSet<Row> rows) {
        Map<UUID, Logged> deliveries = new LinkedHashMap<>();
        rows.forEach(row -> deliveries.put(row.getUUID("id"), new Logged(row.getUUID("id"),
                row.getUUID("endpoint_id"), row.getString("url"), row.getUUID("job_id"), row.getString("event_type"),
                row.getString("status"), row.getInteger("attempts"), instant(row, "next_attempt_at"),
                row.getInteger("last_status"), row.getString("last_error"), instant(row, "created_at"),
                instant(row, "finished_at"), new ArrayList<>())));
        if (deliveries.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return pool.preparedQuery(ATTEMPTS).execute(Tuple.of(deliveries.keySet().toArray(UUID[]::new)))
                .map(attempts -> {
                    attempts.forEach(row -> deliveries.get(row.getUUID("delivery_id")).log()
                            .add(new Attempt(instant(row, "attempted_at"), row.getInteger("status_code"),
                                    row.getString("error"), row.getInteger("duration_ms"))));
                    return List.copyOf(deliveries.values());
                });
    }

    /** Makes one of the endpoint's deliveries due now, with a new retry period; false when there is no such one. */
    public Uni<Boolean> redeliver(UUID endpointId, UUID deliveryId) {
        return pool.preparedQuery(REDELIVER).execute(Tuple.of(deliveryId, endpointId)).map(rows -> rows.size() > 0);
    }

    /** Deletes deliveries finished longer than {@code retention} ago; returns how many. */
    public Uni<Integer> purge(Duration retention) {
        return pool.preparedQuery(PURGE).execute(Tuple.of(seconds(retention))).map(RowSet::rowCount);
    }

    private static List<Claimed> claimed(RowSet<Row> rows) {
        List<Claimed> claimed = new ArrayList<>();
        Instant now = Instant.now();
        for (Row row : rows) {
            List<String> secrets = new ArrayList<>();
            if (row.getString("secret") != null) {
                secrets.add(row.getString("secret"));
            }
            Instant previousExpiresAt = instant(row, "previous_expires_at");
            if (row.getString("previous") != null && previousExpiresAt != null && previousExpiresAt.isAfter(now)) {
                secrets.add(row.getString("previous"));
            }
            claimed.add(new Claimed(row.getUUID("id"), row.getUUID("endpoint_id"), row.getUUID("user_id"),
                    row.getUUID("job_id"), row.getString("event_type"), row.getString("url"),
                    row.getBoolean("enabled"), List.copyOf(secrets), row.getInteger("attempts"),
                    row.getString("payload"), instant(row, "retry_from")));
        }
        return claimed;
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    private static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    /**
     * A delivery claimed for an attempt: where it goes (the endpoint's URL or the job's one-off URL), whether its
     * endpoint is enabled, the secrets that sign it now (the current one first), and its payload once built.
     */
    public record Claimed(UUID id, UUID endpointId, UUID userId, UUID jobId, String eventType, String url,
            boolean enabled, List<String> secrets, int attempts, String payload, Instant retryFrom) {
    }

    /** One attempt: the receiver's status code, or the error that kept it from answering. */
    public record Attempt(Instant at, Integer statusCode, String error, int durationMillis) {
    }

    /** Where a delivery stands after an attempt: {@code pending} (with its next attempt), delivered or failed. */
    public record Outcome(String status, Instant nextAttemptAt, String payload) {
    }

    /** A delivery as a log shows it: to an endpoint ({@code endpointId}) or to the job's one-off URL. */
    public record Logged(UUID id, UUID endpointId, String url, UUID jobId, String eventType, String status, int attempts, Instant nextAttemptAt,
            Integer lastStatus, String lastError, Instant createdAt, Instant finishedAt, List<Attempt> log) {
    }
}
