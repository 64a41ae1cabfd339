package dev.atelier.image.repository;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.atelier.image.domain.JobEvent;
import dev.atelier.image.domain.JobStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads {@code job_events} (written only by the trigger on {@code generation_jobs}) with plain SQL. */
@ApplicationScoped
public class JobEventRepository {
    /**
     * The job's events after {@code $2}, and always its latest one (which tells whether the job is finished even
     * when nothing is new). Succeeded and failed events carry the job's images or error message.
     */
    private static final String EVENTS = """
            select e.seq, e.kind, e.status, e.progress, e.error_code, e.at,
                   case when e.status = 'succeeded' then j.image_ids end as image_ids,
                   case when e.status = 'failed' then j.error_message end as error_message
            from job_events e
            join generation_jobs j on j.id = e.job_id
            where e.job_id = $1
              and (e.seq > $2 or e.seq = (select max(seq) from job_events where job_id = $1))
            order by e.seq""";
    private static final String OWNED = "select 1 from generation_jobs where id = $1 and user_id = $2";
    private static final String STATUS = "select status from generation_jobs where id = $1";

    private final Pool pool;

    public JobEventRepository(Pool pool) {
        this.pool = pool;
    }

    /** Events with seq above {@code afterSeq}, oldest first, plus the latest event; empty if the job is gone. */
    public Uni<List<JobEvent>> eventsAfter(UUID jobId, long afterSeq) {
        return pool.preparedQuery(EVENTS).execute(Tuple.of(jobId, afterSeq)).map(rows -> {
            List<JobEvent> events = new ArrayList<>(rows.size());
            for (Row row : rows) {
                events.add(event(jobId, row));
            }
            return events;
        });
    }

    public Uni<Boolean> isOwnedBy(UUID jobId, UUID userId) {
        return pool.preparedQuery(OWNED).execute(Tuple.of(jobId, userId)).map(rows -> rows.size() > 0);
    }

    /** The job's status now; null if there is no such job. */
    public Uni<JobStatus> status(UUID jobId) {
        return pool.preparedQuery(STATUS).execute(Tuple.of(jobId)).map(rows -> {
            var iterator = rows.iterator();
            return iterator.hasNext() ? JobStatus.fromWire(iterator.next().getString("status")) : null;
        });
    }

    private static JobEvent event(UUID jobId, Row row) {
        UUID[] images = row.getArrayOfUUIDs("image_ids");
        return new JobEvent(
                row.getLong("seq"),
                jobId,
                row.getString("kind"),
                JobStatus.fromWire(row.getString("status")),
                row.getInteger("progress"),
                row.getString("error_code"),
                row.getString("error_message"),
                images == null ? null : Arrays.asList(images),
                row.getOffsetDateTime("at").toInstant());
    }
}
