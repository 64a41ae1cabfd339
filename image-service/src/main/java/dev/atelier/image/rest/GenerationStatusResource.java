package dev.atelier.image.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.atelier.image.service.ServiceStatus;
import dev.atelier.image.service.ServiceStatusService;
import io.smallrye.mutiny.Uni;

/** {@code GET /api/v1/generations/status}: providers, queue depth and the wait estimate, for any signed-in user. */
@Path(Links.GENERATIONS + "/status")
@RolesAllowed("user")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Generations")
@SecurityRequirement(name = "jwt")
@APIResponse(responseCode = "401",
        description = "No valid bearer token, or its account was deleted")
public class GenerationStatusResource {
    private final ServiceStatusService status;

    public GenerationStatusResource(ServiceStatusService status) {
        this.status = status;
    }

    @GET
    @Operation(summary = "Providers up or down, queue depth and the wait estimate")
    @APIResponse(responseCode = "200", description = "The status")
    public Uni<ServiceStatus> status() {
        return status.status();
    }
}
