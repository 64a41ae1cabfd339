package dev.atelier.image.repository;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** The latest report of each worker about each provider ({@code provider_status}), and the queue's numbers. */
@ApplicationScoped
public class ProviderStatusRepository {
    /** A report only replaces an older one: records of one worker may be replayed or arrive late. */
    private static final String UPSERT = """
            insert into provider_status (worker_id, provider, status, reported_at)
            select $1, p.provider, p.status, $2
            from unnest($3::text[], $4::text[]) as p (provider, status)
            on conflict (worker_id, provider) do update
                set status = excluded.status, reported_at = excluded.reported_at
                where provider_status.reported_at < excluded.reported_at""";
    /** Providers the worker no longer reports are forgotten (only by a newer report). */
    private static final String FORGET = """
            delete from provider_status
            where worker_id = $1 and reported_at < $2 and not (provider = any($3::text[]))""";
    private static final String REPORTS = """
            select provider, status, reported_at >= now() - make_interval(secs => $1) as fresh
            from provider_status""";
    private static final String PURGE = "delete from provider_status where reported_at < now() - make_interval(secs => $1)";
    private static final String QUEUE = """
            select
                (select count(*) from generation_jobs where status = 'queued') as queued,
                (select count(*) from generation_jobs where status = 'running') as running,
                (select percentile_cont(0.5) within group (
                            order by extract(epoch from finished_at - created_at)::double precision)
                 from generation_jobs
                 where status = 'succeeded' and finished_at >= now() - make_interval(secs => $1)) as p50""";

    private final Pool pool;

    public ProviderStatusRepository(Pool pool) {
        this.pool = pool;
    }

    /** Stores one worker's report, unless a newer one of that worker is already stored. */
    public Uni<Void> record(String workerId, Instant reportedAt, Map<String, String> providers) {
        String[] names = providers.keySet().toArray(String[]::new);
        String[] states = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            states[i] = providers.get(names[i]);
        }
        var at = reportedAt.atOffset(ZoneOffset.UTC);
        return pool.withTransaction(connection -> connection.preparedQuery(UPSERT)
                .execute(Tuple.of(workerId, at, names, states))
                .chain(() -> connection.preparedQuery(FORGET).execute(Tuple.of(workerId, at, names))))
                .replaceWithVoid();
    }

    /** Every stored (provider, status), one per worker; {@code fresh} when reported within {@code ttl}. */
    public Uni<List<Report>> reports(Duration ttl) {
        return pool.preparedQuery(REPORTS).execute(Tuple.of(seconds(ttl))).map(rows -> {
            List<Report> reports = new ArrayList<>();
            for (Row row : rows) {
                reports.add(new Report(row.getString("provider"), row.getString("status"), row.getBoolean("fresh")));
            }
            return reports;
        });
    }

    /** Deletes reports older than {@code age} (workers that are gone for good). */
    public Uni<Integer> purgeOlderThan(Duration age) {
        return pool.preparedQuery(PURGE).execute(Tuple.of(seconds(age))).map(rows -> rows.rowCount());
    }

    /** Jobs queued and running now, and the median duration of jobs that succeeded within {@code window}. */
    public Uni<QueueNumbers> queueNumbers(Duration window) {
        return pool.preparedQuery(QUEUE).execute(Tuple.of(seconds(window))).map(rows -> {
            Row row = rows.iterator().next();
            return new QueueNumbers(row.getLong("queued"), row.getLong("running"), row.getDouble("p50"));
        });
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    public record Report(String provider, String status, boolean fresh) {
    }

    /** {@code medianSeconds} is null when no job succeeded within the window. */
    public record QueueNumbers(long queued, long running, Double medianSeconds) {
    }
}
