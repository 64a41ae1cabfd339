package dev.atelier.gallery.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.atelier.gallery.service.GalleryStatsService;
import io.smallrye.mutiny.Uni;

/** Figures over the caller's own gallery. */
@Path("/api/v1/stats")
@RolesAllowed("user")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Images", description = "Each user's private gallery")
public class StatsResource {
    private final GalleryStatsService stats;
    private final JsonWebToken jwt;

    public StatsResource(GalleryStatsService stats, JsonWebToken jwt) {
        this.stats = stats;
        this.jwt = jwt;
    }

    @GET
    @Operation(summary = "Counts by style and emotion, favourites and storage of the caller's live images")
    @APIResponse(responseCode = "200", description = "The caller's figures")
    public Uni<GalleryStats> stats() {
        return stats.stats(Caller.userId(jwt)).map(GalleryStats::of);
    }
}
