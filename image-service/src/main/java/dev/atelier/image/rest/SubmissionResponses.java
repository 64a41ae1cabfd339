package dev.atelier.image.rest;

import java.util.Optional;
import java.util.UUID;

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
    private final WaitPreference waitPreference;

    public SubmissionResponses(OutboxRelay relay, CreditService credits, WaitPreference waitPreference) {
        this.relay = relay;
        this.credits = credits;
        this.waitPreference = waitPreference;
    }

    /** The answer to a submit; with {@code Prefer: wait=N}, a queued job is awaited up to N seconds first. */
    Uni<RestResponse<?>> answer(UUID userId, Uni<Submission> submission, Optional<Integer> wait) {
        return submission.chain(done -> done.outcome() == Submission.Outcome.QUEUED
                ? answer(done).chain(accepted -> waitPreference.answer(userId, done.job(), wait, () -> accepted))
                : answer(done));
    }

    private Uni<RestResponse<?>> answer(Submission done) {
        GenerationJob job = done.job();
        String location = Links.of(job.getId()).self();
        return switch (done.outcome()) {
            // The balance is read after the commit, so it is the current one.
            case QUEUED -> credits.remaining(job.getUserId()).<RestResponse<?>>map(remaining -> {
                // Committed: publish now rather than at the next sweep.
                relay.kick();
                return RestResponse.ResponseBuilder.create(Response.Status.ACCEPTED,
                        GenerationAccepted.of(job, remaining)).header(HttpHeaders.LOCATION, location).build();
            });
            case CACHED -> Uni.createFrom().<RestResponse<?>>item(RestResponse.ResponseBuilder.ok(GenerationView.of(job))
                    .header(HttpHeaders.LOCATION, location).build());
            case REPLAYED -> Uni.createFrom().<RestResponse<?>>item(RestResponse.ResponseBuilder.ok(GenerationView.of(job))
                    .header(HttpHeaders.LOCATION, location)
                    .header(IdempotencyKeyHeader.REPLAYED, "true").build());
        };
    }
}
