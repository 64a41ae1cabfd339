package dev.atelier.gallery.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.atelier.gallery.config.GalleryConfig;
import dev.atelier.gallery.domain.TrashCursor;
import dev.atelier.gallery.service.TrashService;
import dev.atelier.problem.ProblemException;
import io.smallrye.mutiny.Uni;

/** The caller's trash: images deleted but still restorable. */
@Path("/api/v1/trash")
@RolesAllowed("user")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Trash", description = "Deleted images, restorable until the retention ends")
public class TrashResource {

    private final TrashService trash;
    private final JsonWebToken jwt;
    private final GalleryConfig.Page paging;

    public TrashResource(TrashService trash, JsonWebToken jwt, GalleryConfig config) {
        this.trash = trash;
        this.jwt = jwt;
        this.paging = config.page();
    }

    @GET
    @Operation(summary = "List the caller's trashed images, most recently deleted first")
    @APIResponse(responseCode = "200", description = "A page of the trash")
    @APIResponse(responseCode = "400", description = "limit or cursor is invalid")
    public Uni<TrashPage> list(
            @Parameter(description = "Items per page, 1–50 (default 20)", schema = @Schema(type = SchemaType.INTEGER))
            @QueryParam("limit") String limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        int size = limit(limit);
        TrashCursor after = cursor(cursor);
        return trash.page(Caller.userId(jwt), after, size).map(slice -> new TrashPage(
                slice.images().stream().map(image -> TrashItem.of(image, trash.purgeAt(image))).toList(),
                slice.next() == null ? null : slice.next().encode()));
    }

    private int limit(String value) {
        if (value == null || value.isBlank()) {
            return paging.defaultLimit();
        }
        String message = "must be an integer from 1 to " + paging.maxLimit();
        int limit;
        try {
            limit = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw ProblemException.invalidField("limit", message);
        }
        if (limit < 1 || limit > paging.maxLimit()) {
            throw ProblemException.invalidField("limit", message);
        }
        return limit;
    }

    private static TrashCursor cursor(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return TrashCursor.decode(value.strip()).orElseThrow(() -> ProblemException.invalidField("cursor",
                "is not a trash cursor from this API; pass nextCursor of the previous page unchanged"));
    }
}
