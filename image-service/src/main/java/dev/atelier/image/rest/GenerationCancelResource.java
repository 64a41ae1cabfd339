package dev.atelier.image.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.atelier.image.messaging.OutboxRelay;
import dev.atelier.image.service.CancelService;
import io.quarkus.security.UnauthorizedException;
import io.smallrye.mutiny.Uni;

@Path(Links.GENERATIONS)
@RolesAllowed("user")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Generations", description = "Ask for images and follow the job")
@SecurityRequirement(name = "jwt")
@APIResponse(responseCode = "401",
        description = "No valid bearer token, or its account was deleted")
public class GenerationCancelResource {
    private final CancelService cancels;
    private final OutboxRelay relay;
    private final JsonWebToken jwt;

    public GenerationCancelResource(CancelService cancels, OutboxRelay relay, JsonWebToken jwt) {
        this.cancels = cancels;
        this.relay = relay;
        this.jwt = jwt;
    }

    @POST
    @Path("{id}/cancel")
    @Operation(summary = "Cancel a queued or running job; its credits are released")
    @APIResponse(responseCode = "200", description = "The job, now canceled")
    @APIResponse(responseCode = "404", description = "No such job for the caller")
    @APIResponse(responseCode = "409", description = "The job is already finished")
    public Uni<GenerationView> cancel(@PathParam("id") UUID id) {
        return cancels.cancel(userId(), id)
                // Committed: tell the worker now rather than at the next sweep.
                .invoke(relay::kick)
                .map(GenerationView::of);
    }

    private UUID userId() {
        try {
            return UUID.fromString(jwt.getSubject());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new UnauthorizedException();
        }
    }
}
