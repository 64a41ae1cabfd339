package dev.atelier.image.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.atelier.image.messaging.OutboxRelay;
import dev.atelier.image.service.CreditService;
import dev.atelier.image.service.GenerationService;
import dev.atelier.problem.ProblemException;
import io.quarkus.security.UnauthorizedException;
import io.smallrye.mutiny.Uni;

@Path(Links.GENERATIONS)
@RolesAllowed("user")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Generations", description = "Ask for images and follow the job")
@SecurityRequirement(name = "jwt")
@APIResponse(responseCode = "401", description = "No valid bearer token")
public class GenerationResource {
    private final GenerationService generations;
    private final OutboxRelay relay;
    private final CreditService credits;
    private final JsonWebToken jwt;

    public GenerationResource(GenerationService generations, OutboxRelay relay, CreditService credits,
            JsonWebToken jwt) {
        this.generations = generations;
        this.relay = relay;
        this.credits = credits;
        this.jwt = jwt;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Queue a generation job")
    @APIResponse(responseCode = "202", description = "Queued; follow the Location")
    @APIResponse(responseCode = "400", description = "Invalid request, the problem names the field")
    @APIResponse(responseCode = "402", description = "Not enough credits left (remaining and cost in the problem)")
    @APIResponse(responseCode = "429", description = "Over a tier limit; retry after Retry-After seconds")
    public Uni<RestResponse<GenerationAccepted>> submit(@Valid SubmitGenerationRequest request) {
        if (request == null) {
            throw ProblemException.invalidField("body", "a JSON body is required");
        }
        return generations.submit(userId(), request.toDraft())
                // Committed: publish now rather than at the next sweep.
                .invoke(relay::kick)
                .chain(job -> credits.remaining(job.getUserId())
                        .map(remaining -> RestResponse.ResponseBuilder
                                .create(Response.Status.ACCEPTED, GenerationAccepted.of(job, remaining))
                                .header(HttpHeaders.LOCATION, Links.of(job.getId()).self())
                                .build()));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One of the caller's jobs")
    @APIResponse(responseCode = "200", description = "The job")
    @APIResponse(responseCode = "404", description = "No such job for the caller")
    public Uni<GenerationView> get(@PathParam("id") UUID id) {
        return generations.get(userId(), id).map(GenerationView::of);
    }

    @GET
    @Operation(summary = "The caller's jobs, newest first")
    @APIResponse(responseCode = "200", description = "One page")
    @APIResponse(responseCode = "400", description = "Bad limit or cursor")
    public Uni<GenerationPage> list(
            @Parameter(description = "Page size, 1 to 50, default 20") @QueryParam("limit") Integer limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        return generations.list(userId(), limit, cursor)
                .map(page -> new GenerationPage(page.items().stream().map(GenerationView::of).toList(),
                        page.nextCursor()));
    }

    /** The caller, from the token's subject; a token whose subject is not a user id is no valid token here. */
    private UUID userId() {
        try {
            return UUID.fromString(jwt.getSubject());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new UnauthorizedException();
        }
    }
}
