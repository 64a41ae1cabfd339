package dev.atelier.image.rest;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.resteasy.reactive.RestResponse;

import dev.atelier.image.config.TrackingConfig;
import dev.atelier.image.domain.GenerationJob;
import dev.atelier.image.service.GenerationService;
import dev.atelier.image.service.JobTracker;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * {@code Prefer: wait=N} on a submit: if the job finishes within N seconds the answer is 200 with the finished job
 * and {@code Preference-Applied: wait=N}; otherwise the usual 202. The wait listens for the database's
 * notification of the job's change (no polling).
 */
@ApplicationScoped
public class WaitPreference {
    private final JobTracker tracker;
    private final GenerationService generations;
    private final int maxSeconds;

    public WaitPreference(JobTracker tracker, GenerationService generations, TrackingConfig config) {
        this.tracker = tracker;
        this.generations = generations;
        this.maxSeconds = config.preferWait().maxSeconds();
    }

    /** The seconds asked for (lowered to the maximum); a malformed value is a 400 naming {@code Prefer}. */
    public Optional<Integer> parse(List<String> prefer) {
        return PreferWait.parse(prefer, maxSeconds);
    }

    public Uni<RestResponse<?>> answer(UUID userId, GenerationJob job, Optional<Integer> wait,
            Supplier<RestResponse<?>> accepted) {
        if (wait.isEmpty()) {
            return Uni.createFrom().item(accepted);
        }
        int seconds = wait.get();
        return Uni.createFrom().deferred(() -> {
            // The notification arrives on the listener's event loop: read the job back on the request's context.
            Context context = Vertx.currentContext();
            Uni<Boolean> finished = tracker.awaitFinished(job.getId(), Duration.ofSeconds(seconds));
            if (context != null) {
                finished = finished.emitOn(task -> context.runOnContext(ignored -> task.run()));
            }
            return finished.chain(done -> {
                if (!done) {
                    Log.infof("Job %s of user %s not finished within %d s; 202", job.getId(), userId, seconds);
                    return Uni.createFrom().item(accepted);
                }
                return generations.get(userId, job.getId()).map(finishedJob -> RestResponse.ResponseBuilder
                        .ok(GenerationView.of(finishedJob))
                        .header(PreferWait.PREFERENCE_APPLIED, "wait=" + seconds)
                        .build());
            });
        });
    }
}
