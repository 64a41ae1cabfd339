package dev.atelier.worker.service;

import java.time.Duration;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.atelier.worker.config.WorkerConfig;
import dev.atelier.worker.domain.GenerationException;
import io.quarkus.logging.Log;

/**
 * Retries a step of a job that failed with a retryable {@link GenerationException} (provider_unavailable, timeout,
 * storage_unavailable, …) up to {@code retry.max-retries} times, waiting {@code retry.delay} doubled on each retry up
 * to {@code retry.max-delay}. A retry whose wait would end past the job's deadline is not attempted, and a cancel
 * ends the wait. Anything not retryable (invalid_image, content_blocked, …) fails at once.
 */
@ApplicationScoped
public class StepRetrier {
    private final int maxRetries;
    private final Duration delay;
    private final Duration maxDelay;

    @Inject
    public StepRetrier(WorkerConfig config) {
        this(config.retry().maxRetries(), config.retry().delay(), config.retry().maxDelay());
    }

    StepRetrier(int maxRetries, Duration delay, Duration maxDelay) {
        this.maxRetries = maxRetries;
        this.delay = delay;
        this.maxDelay = maxDelay;
    }

    public <T> T run(JobRun run, String what, Supplier<T> step) {
        for (int retry = 0;; retry++) {
            try {
                return step.get();
            } catch (GenerationException e) {
                if (!e.retryable() || retry >= maxRetries) {
                    throw e;
                }
                Duration wait = backoff(retry);
                Log.warnf("job %s: %s failed with %s (%s); retry %d of %d in %d ms", run.jobId(), what, e.code(),
                        e.getMessage(), retry + 1, maxRetries, wait.toMillis());
                if (!run.pause(wait)) {
                    Log.warnf("job %s: no time left for another attempt at %s", run.jobId(), what);
                    throw e;
                }
            }
        }
    }

    /** The wait before retry number {@code retry + 1}. */
    Duration backoff(int retry) {
        Duration wait = delay;
        for (int i = 0; i < retry && wait.compareTo(maxDelay) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxDelay) > 0 ? maxDelay : wait;
    }
}
