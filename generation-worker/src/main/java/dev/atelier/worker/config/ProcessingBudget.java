package dev.atelier.worker.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.Config;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/**
 * Checks at startup that a record can never outlive the consumer's unprocessed-record limit.
 *
 * <p>
 * The throttled commit strategy starts a record's clock when the connector hands it to the consumer method, which
 * only asks for a record when one of its {@code atelier.worker.concurrency} render slots is free (SmallRye's
 * {@code merge(max-concurrency)}): a record does not age while it waits in the connector's queue. From there it
 * is bounded by:
 * <ul>
 * <li>{@code job-timeout}: every render and every wait between retries is cut at the job's deadline;</li>
 * <li>plus one storage write begun just before the deadline:
 * {@code (storage.max-retries + 1) x storage.call-timeout + storage.max-retries x storage.max-retry-delay};</li>
 * <li>plus two publishes ({@code publish-timeout} each): a progress event begun before the deadline and the final
 * {@code generation.failed}.</li>
 * </ul>
 * If {@code unprocessed-record-max-age-ms} were below that sum, a slow but healthy job would mark the channel
 * unhealthy and its record would be redelivered while it still runs. A limit of 0 or less disables the check in
 * SmallRye and is accepted.
 */
@ApplicationScoped
public class ProcessingBudget {
    /** The key the consumer really uses; usually expanded from {@code atelier.worker.unprocessed-record-max-age-ms}. */
    static final String MAX_AGE_KEY =
            "mp.messaging.incoming.generation-requested.throttled.unprocessed-record-max-age.ms";

    /** The longest a record can stay unacknowledged with this configuration. */
    public static Duration longestRecord(WorkerConfig config) {
        WorkerConfig.Storage storage = config.storage();
        Duration storageWrite = storage.callTimeout().multipliedBy(storage.maxRetries() + 1L)
                .plus(storage.maxRetryDelay().multipliedBy(storage.maxRetries()));
        return config.jobTimeout().plus(storageWrite).plus(config.publishTimeout().multipliedBy(2));
    }

    /** What is wrong with this configuration; empty when it is consistent. */
    public static List<String> problems(WorkerConfig config, long maxAgeMs) {
        List<String> problems = new ArrayList<>();
        if (config.renderTimeout().compareTo(config.jobTimeout()) > 0) {
            problems.add("atelier.worker.render-timeout (" + config.renderTimeout()
                    + ") is longer than atelier.worker.job-timeout (" + config.jobTimeout() + ")");
        }
        Duration longest = longestRecord(config);
        if (maxAgeMs > 0 && longest.toMillis() >= maxAgeMs) {
            problems.add("a record may stay unacknowledged for up to " + longest.toMillis()
                    + " ms (job-timeout + one storage write with its retries + 2 x publish-timeout), but "
                    + MAX_AGE_KEY + " is " + maxAgeMs + " ms: raise atelier.worker.unprocessed-record-max-age-ms"
                    + " above " + longest.toMillis() + " or lower atelier.worker.job-timeout");
        }
        if (config.concurrency() < 1) {
            problems.add("atelier.worker.concurrency must be at least 1, got " + config.concurrency());
        }
        return problems;
    }

    void check(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent startup, WorkerConfig config,
            Config raw) {
        long maxAgeMs = raw.getOptionalValue(MAX_AGE_KEY, Long.class).orElse(config.unprocessedRecordMaxAgeMs());
        List<String> problems = problems(config, maxAgeMs);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("generation-worker is misconfigured: " + String.join("; ", problems));
        }
        Log.infof("a record stays unacknowledged at most %d ms; the unprocessed-record limit is %d ms",
                longestRecord(config).toMillis(), maxAgeMs);
    }
}
