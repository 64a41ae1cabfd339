package dev.atelier.image.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestResponse;

import dev.atelier.image.domain.GenerationJob;
import dev.atelier.image.messaging.OutboxRelay;
import dev.atelier.image.service.CreditService;
import dev.atelier.image.service.Submission;
import io.smallrye.mutiny.Uni;

/**
 * How both submit routes answer: 202 with the queued job; 200 with the whole job when it is already known or done
 * (a replayed {@code Idempotency-Key}, marked {@code Idempotent-Replayed: true}, or a prompt-cache hit).
 */
@ApplicationScoped
public class SubmissionResponses {
    private final OutboxRelay relay;
    private final CreditService credits;

    public SubmissionResponses(OutboxRelay relay, CreditService credits) {
        this.relay = relay;
        this.credits = credits;
    }

    Uni<RestResponse<Object>> answer(Uni<Submission> submission) {
        // The balance is read after the commit, so it is the current one.
        return submission.chain(done -> credits.remaining(done.job().getUserId()).map(remaining -> {
            GenerationJob job = done.job();
            String location = Links.of(job.getId()).self();
            return switch (done.outcome()) {
                case QUEUED -> {
                    // Committed: publish now rather than at the next sweep.
                    relay.kick();
                    yield RestResponse.ResponseBuilder.<Object>create(Response.Status.ACCEPTED,
                            GenerationAccepted.of(job, remaining)).header(HttpHeaders.LOCATION, location).build();
                }
                case CACHED -> RestResponse.ResponseBuilder.<Object>ok(GenerationView.of(job))
                        .header(HttpHeaders.LOCATION, location).build();
                case REPLAYED -> RestResponse.ResponseBuilder.<Object>ok(GenerationView.of(job))
                        .header(HttpHeaders.LOCATION, location)
                        .header(IdempotencyKeyHeader.REPLAYED, "true").build();
            };
        }));
    }
}
