package dev.atelier.gallery.rest;

import java.util.Locale;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
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
import org.jboss.resteasy.reactive.ResponseStatus;

import dev.atelier.gallery.service.DownloadService;
import dev.atelier.gallery.service.TrashService;
import dev.atelier.problem.ProblemException;
import io.smallrye.mutiny.Uni;

/**
 * Deleting (to the trash or for good), restoring and downloading the caller's images. Another user's image, like a
 * missing one, is a 404.
 */
@Path(ImageResource.PATH)
@RolesAllowed("user")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Images", description = "Each user's private gallery")
public class ImageLifecycleResource {

    private final TrashService trash;
    private final DownloadService downloads;
    private final JsonWebToken jwt;

    public ImageLifecycleResource(TrashService trash, DownloadService downloads, JsonWebToken jwt) {
        this.trash = trash;
        this.downloads = downloads;
        this.jwt = jwt;
    }

    @DELETE
    @Path("{id}")
    @ResponseStatus(204)
    @Operation(summary = "Move the image to the trash, or delete it for good with permanent=true")
    @APIResponse(responseCode = "204", description = "In the trash (also when it already was), or deleted for good")
    @APIResponse(responseCode = "400", description = "permanent is not true or false")
    @APIResponse(responseCode = "404", description = "No such image among the caller's")
    @APIResponse(responseCode = "503", description = "Storage unavailable: nothing was deleted, try again")
    public Uni<Void> delete(@PathParam("id") String id,
            @Parameter(description = "true deletes the image and its files for good (default false: to the trash)",
                    schema = @Schema(type = SchemaType.BOOLEAN))
            @QueryParam("permanent") String permanent) {
        boolean forGood = permanent(permanent);
        UUID imageId = Caller.imageId(id);
        UUID userId = Caller.userId(jwt);
        return forGood ? trash.deletePermanently(userId, imageId) : trash.trash(userId, imageId);
    }

    @POST
    @Path("{id}/restore")
    @Operation(summary = "Take the image out of the trash")
    @APIResponse(responseCode = "200", description = "The restored image")
    @APIResponse(responseCode = "404", description = "No such image in the caller's trash")
    public Uni<ImageDetail> restore(@PathParam("id") String id) {
        UUID imageId = Caller.imageId(id);
        return trash.restore(Caller.userId(jwt), imageId).map(ImageDetail::of);
    }

    @POST
    @Path("{id}/download")
    @Operation(summary = "A short-lived link to download the original; recorded in the usage log")
    @APIResponse(responseCode = "200", description = "The link and when it expires")
    @APIResponse(responseCode = "404", description = "No such image among the caller's (trashed ones included)")
    public Uni<DownloadLink> download(@PathParam("id") String id) {
        UUID imageId = Caller.imageId(id);
        return downloads.download(Caller.userId(jwt), imageId).map(DownloadLink::of);
    }

    private static boolean permanent(String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ProblemException.invalidField("permanent", "must be true or false");
        };
    }
}
