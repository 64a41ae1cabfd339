package dev.atelier.image.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;

import dev.atelier.image.config.TrackingConfig;
import dev.atelier.image.service.JobTracker;
import dev.atelier.problem.ProblemException;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;

/**
 * {@code GET /api/v1/generations/{id}/events}: Server-Sent Events of every status and progress change of one of the
 * caller's jobs. Each event has {@code id: <seq>}, {@code event: status|progress} and the job's state as JSON data;
 * a reconnecting client sends {@code Last-Event-ID} and gets only what came after. The stream ends after the
 * finished job's event.
 */
@Path(Links.GENERATIONS + "/{id}/events")
@RolesAllowed("user")
@Tag(name = "Generations")
@SecurityRequirement(name = "jwt")
@APIResponse(responseCode = "401",
        description = "No valid bearer token, or its account was deleted")
public class GenerationEventsResource {
    static final String LAST_EVENT_ID = "Last-Event-ID";
    private static final String KEEPALIVE_COMMENT = "keepalive";

    private final JobTracker tracker;
    private final TrackingConfig.Events config;
    private final JsonWebToken jwt;

    public GenerationEventsResource(JobTracker tracker, TrackingConfig config, JsonWebToken jwt) {
        this.tracker = tracker;
        this.config = config.events();
        this.jwt = jwt;
    }

    /**
     * Blocking on purpose: an SSE response is committed (200) as soon as a stream is returned, so whether the job
     * is the caller's must be known before returning, and only a worker thread may wait for that.
     */
    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Blocking
    @Operation(summary = "Follow a job live (Server-Sent Events), resumable with Last-Event-ID")
    @APIResponse(responseCode = "200", description = "The event stream; ends after the job finished")
    @APIResponse(responseCode = "400", description = "Last-Event-ID is not an event id")
    @APIResponse(responseCode = "404", description = "No such job for the caller")
    public Multi<OutboundSseEvent> events(@PathParam("id") UUID id,
            @Parameter(description = "Id of the last event received; only later ones are sent")
            @RestHeader(LAST_EVENT_ID) String lastEventId,
            @Context Sse sse) {
        UUID user = Caller.userId(jwt);
        long after = parseLastEventId(lastEventId);
        boolean owned = tracker.isOwnedBy(id, user).await().atMost(config.ownerCheckTimeout());
        if (!owned) {
            throw ProblemException.notFound("Generation", id);
        }
        return tracker.follow(id, after).map(item -> item.isKeepalive()
                ? sse.newEventBuilder().comment(KEEPALIVE_COMMENT).build()
                : sse.newEventBuilder()
                        .id(Long.toString(item.event().seq()))
                        .name(item.event().kind())
                        .mediaType(MediaType.APPLICATION_JSON_TYPE)
                        .data(JobEventView.class, JobEventView.of(item.event()))
                        .build());
    }

    private static long parseLastEventId(String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            long seq = Long.parseLong(value.strip());
            if (seq >= 0) {
                return seq;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ProblemException.invalidField(LAST_EVENT_ID, "must be the id of an event of this stream");
    }
}
