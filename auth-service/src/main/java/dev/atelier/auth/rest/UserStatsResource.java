package dev.atelier.auth.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.atelier.auth.service.StatsProjection;
import dev.atelier.problem.Problem;
import io.smallrye.mutiny.Uni;

/** The caller's figures, answered from auth-service's own projection: no call to another service. */
@Path("/api/v1/users/me/stats")
@Tag(name = "Users")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("user")
public class UserStatsResource {
    private final StatsProjection stats;
    private final JsonWebToken jwt;

    public UserStatsResource(StatsProjection stats, JsonWebToken jwt) {
        this.stats = stats;
        this.jwt = jwt;
    }

    @GET
    @Operation(summary = "The signed-in user's stats",
            description = "Image count, storage bytes and images per style (from gallery-service's image.stored and"
                    + " image.deleted), generations and credits (from image-service's credits.changed). Kept by"
                    + " auth-service from those events, so the figures can lag a moment behind. A new user gets"
                    + " zeros, an empty byStyle and null credits and updatedAt.")
    @APIResponse(responseCode = "200", description = "The caller's stats",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = UserStatsResponse.class),
                    examples = {
                            @ExampleObject(name = "active", summary = "A user with images and credit events",
                                    value = """
                                            {"images": 3, "storageBytes": 5242880, "generations": 7,
                                             "credits": {"tier": "free", "total": 50, "used": 12, "held": 2,
                                                         "remaining": 36},
                                             "byStyle": {"minimal": 1, "realistic": 2},
                                             "updatedAt": "2026-04-02T09:15:30.123456Z"}"""),
                            @ExampleObject(name = "new", summary = "A user no event was seen for yet",
                                    value = """
                                            {"images": 0, "storageBytes": 0, "generations": 0, "credits": null,
                                             "byStyle": {}, "updatedAt": null}""") }))
    @APIResponse(responseCode = "401", description = "No token, an invalid or expired one, or the account was deleted",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unauthorized", value = """
                            {"type": "urn:problem:atelier:unauthorized", "title": "Unauthorized", "status": 401,
                             "detail": "A valid bearer token is required", "instance": "/api/v1/users/me/stats"}""")))
    public Uni<UserStatsResponse> stats() {
        return stats.stats(UUID.fromString(jwt.getSubject())).map(UserStatsResponse::of);
    }
}
