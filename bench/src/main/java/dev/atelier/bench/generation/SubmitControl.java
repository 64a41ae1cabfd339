package dev.atelier.bench.generation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import dev.atelier.bench.AtelierApi.Account;
import dev.atelier.bench.BenchContext;
import dev.atelier.bench.JdbcPool;
import dev.atelier.bench.kafka.KafkaControl;
import dev.atelier.bench.load.Call;

/**
 * The floor of a submit, from plain clients: one job-like row and one outbox-like row inserted in their own
 * transaction in the {@code image} database (scratch tables shaped like {@code generation_jobs} and {@code outbox},
 * with the same indexes), committed, then one record like {@code generation.requested} sent to a scratch topic and
 * its acknowledgement awaited. Everything the service does besides (token check, validation, credit hold, limits,
 * HTTP through the gateway) is what the ratio to this shows.
 */
final class SubmitControl implements AutoCloseable {
    static final String JOBS = "bench_submit_jobs";
    static final String OUTBOX = "bench_submit_outbox";
    static final String TOPIC = "bench.submit-control";
    /** As many as every topic of the stack has (Infrastructure.PARTITIONS). */
    static final int PARTITIONS = dev.atelier.infra.Infrastructure.PARTITIONS;

    /** The shape of V1's generation_jobs and outbox, with their indexes. */
    private static final List<String> CREATE = List.of(
            "drop table if exists " + JOBS + ", " + OUTBOX,
            "create table " + JOBS + " (id uuid primary key, user_id uuid not null, prompt text not null, "
                    + "style text not null, size text not null, count int not null check (count between 1 and 4), "
                    + "name text, emotion text, seed bigint not null check (seed >= 0), provider text not null, "
                    + "status text not null, cost int not null check (cost >= 0), attempt int not null, "
                    + "progress int not null default 0, error_code text, error_message text, image_ids uuid[], "
                    + "created_at timestamptz not null, updated_at timestamptz not null, started_at timestamptz, "
                    + "finished_at timestamptz)",
            "create index " + JOBS + "_user_created_idx on " + JOBS + " (user_id, created_at desc, id desc)",
            "create table " + OUTBOX + " (id bigserial primary key, aggregate_id uuid not null, "
                    + "topic text not null, message_key text not null, event_type text not null, "
                    + "payload jsonb not null, created_at timestamptz not null default now(), "
                    + "published_at timestamptz)",
            "create index " + OUTBOX + "_unpublished_idx on " + OUTBOX + " (id) where published_at is null");
    static final String INSERT_JOB = "insert into " + JOBS + " (id, user_id, prompt, style, size, count, emotion, "
            + "seed, provider, status, cost, attempt, progress, created_at, updated_at) "
            + "values (?, ?, ?, ?, ?, 1, ?, ?, ?, 'queued', 1, 1, 0, ?, ?)";
    static final String INSERT_OUTBOX = "insert into " + OUTBOX + " (aggregate_id, topic, message_key, event_type, "
            + "payload) values (?, ?, ?, ?, ?::jsonb)";

    private final BenchContext context;
    private final JdbcPool sql;
    private final KafkaControl kafka;
    private final BenchUsers users;
    private final AtomicLong sequence = new AtomicLong();

    SubmitControl(BenchContext context, KafkaControl kafka, BenchUsers users) throws Exception {
        this.context = context;
        this.kafka = kafka;
        this.users = users;
        try (Connection connection = context.connect(Generations.IMAGE_DATABASE);
                Statement statement = connection.createStatement()) {
            for (String ddl : CREATE) {
                statement.execute(ddl);
            }
        }
        kafka.createTopic(TOPIC, PARTITIONS);
        this.sql = context.jdbcPool(Generations.IMAGE_DATABASE);
    }

    /** One control submit: the transaction, then the send; completes with the broker's acknowledgement. */
    Call call() {
        return () -> {
            long n = sequence.incrementAndGet();
            Account user = users.next();
            return sql.submit(session -> insert(session, n, user.userId()))
                    .thenCompose(payload -> kafka.send(TOPIC, user.userId().toString(), payload));
        };
    }

    /** Inserts the job and its outbox row in one transaction; returns the event's JSON. */
    private static String insert(JdbcPool.Session session, long n, UUID userId) throws SQLException {
        Connection connection = session.connection();
        if (connection.getAutoCommit()) {
            connection.setAutoCommit(false);
        }
        UUID jobId = UUID.randomUUID();
        String prompt = Generations.PROMPTS.get((int) (n % Generations.PROMPTS.size())) + ", study " + n;
        String style = Generations.STYLES.get((int) (n % Generations.STYLES.size()));
        long seed = ThreadLocalRandom.current().nextLong(Long.MAX_VALUE);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        String payload = event(jobId, userId, prompt, style, seed, now);
        try {
            PreparedStatement job = session.prepare(INSERT_JOB);
            job.setObject(1, jobId);
            job.setObject(2, userId);
            job.setString(3, prompt);
            job.setString(4, style);
            job.setString(5, Generations.SIZE);
            job.setString(6, "calm");
            job.setLong(7, seed);
            job.setString(8, Generations.PROVIDER);
            job.setObject(9, now);
            job.setObject(10, now);
            job.executeUpdate();
            PreparedStatement outbox = session.prepare(INSERT_OUTBOX);
            outbox.setObject(1, jobId);
            outbox.setString(2, TOPIC);
            outbox.setString(3, userId.toString());
            outbox.setString(4, "GenerationRequested");
            outbox.setString(5, payload);
            outbox.executeUpdate();
            connection.commit();
            return payload;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        }
    }

    /** A record of the size and shape of generation.requested. */
    private static String event(UUID jobId, UUID userId, String prompt, String style, long seed,
            OffsetDateTime now) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("eventId", UUID.randomUUID().toString());
        event.put("version", 1);
        event.put("occurredAt", now.toString());
        event.put("userId", userId.toString());
        event.put("jobId", jobId.toString());
        event.put("prompt", prompt);
        event.put("style", style);
        event.put("size", Generations.SIZE);
        event.put("count", 1);
        event.put("seed", seed);
        event.put("provider", Generations.PROVIDER);
        event.put("attempt", 1);
        event.put("params", Map.of("guidance", 7.0, "steps", 30));
        return Generations.json(event);
    }

    /** Drops the scratch tables (the scratch topic goes with the stack). */
    @Override
    public void close() throws SQLException {
        try (Connection connection = context.connect(Generations.IMAGE_DATABASE);
                Statement statement = connection.createStatement()) {
            statement.execute("drop table if exists " + JOBS + ", " + OUTBOX);
        }
    }
}
