package dev.atelier.image.rest;

import java.util.List;
import java.util.Optional;
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
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestResponse;

import dev.atelier.image.messaging.OutboxRelay;
import dev.atelier.image.service.GenerationService;
import dev.atelier.image.service.PromptFilter;
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
    private final JsonWebToken jwt;
    private final PromptFilter promptFilter;
    private final WaitPreference waitPreference;

    public GenerationResource(GenerationService generations, OutboxRelay relay, JsonWebToken jwt,
            PromptFilter promptFilter, WaitPreference waitPreference) {
        this.generations = generations;
        this.relay = relay;
        this.jwt = jwt;
        this.promptFilter = promptFilter;
        this.waitPreference = waitPreference;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Queue a generation job")
    @APIResponse(responseCode = "202", description = "Queued; follow the Location")
    @APIResponse(responseCode = "400", description = "Invalid request, the problem names the field")
    @APIResponse(responseCode = "200", description = "Finished within Prefer: wait=N; the job")
    @APIResponse(responseCode = "422", description = "The prompt filter refused the prompt")
    public Uni<RestResponse<?>> submit(@Valid SubmitGenerationRequest request,
            @Parameter(description = "wait=N (seconds, at most 60): answer with the finished job if it is done by then")
            @RestHeader(PreferWait.PREFER) List<String> prefer) {
        if (request == null) {
            throw ProblemException.invalidField("body", "a JSON body is required");
        }
        Optional<Integer> wait = waitPreference.parse(prefer);
        UUID user = userId();
        // The prompt filter runs before anything is stored or held.
        return promptFilter.require(request.prompt())
                .chain(() -> generations.submit(user, request.toDraft()))
                // Committed: publish now rather than at the next sweep.
                .invoke(relay::kick)
                .chain(job -> waitPreference.answer(user, job, wait, () -> RestResponse.ResponseBuilder
                        .create(Response.Status.ACCEPTED, GenerationAccepted.of(job))
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
