package dev.atelier.gallery.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.atelier.gallery.config.GalleryConfig;
import dev.atelier.gallery.domain.PageCursor;
import dev.atelier.gallery.domain.Variant;
import dev.atelier.gallery.service.ImageContentService;
import dev.atelier.gallery.service.ImageService;
import dev.atelier.problem.ProblemException;
import io.quarkus.security.UnauthorizedException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/** The caller's own images. The user comes from the token; another user's image is simply not found. */
@Path(ImageResource.PATH)
@RolesAllowed("user")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Images", description = "Each user's private gallery")
public class ImageResource {
    static final String PATH = "/api/v1/images";

    private final ImageService images;
    private final ImageContentService content;
    private final JsonWebToken jwt;
    private final GalleryConfig.Page paging;

    public ImageResource(ImageService images, ImageContentService content, JsonWebToken jwt, GalleryConfig config) {
        this.images = images;
        this.content = content;
        this.jwt = jwt;
        this.paging = config.page();
    }

    @GET
    @Operation(summary = "List the caller's images, newest first")
    @APIResponse(responseCode = "200", description = "A page of images")
    @APIResponse(responseCode = "400", description = "limit or cursor is invalid")
    public Uni<ImagePage> list(
            @Parameter(description = "Items per page, 1–50 (default 20)", schema = @Schema(type = SchemaType.INTEGER))
            @QueryParam("limit") String limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        int size = limit(limit);
        PageCursor after = cursor(cursor);
        UUID userId = userId();
        return images.page(userId, after, size).map(slice -> new ImagePage(
                slice.images().stream().map(ImageItem::of).toList(),
                slice.next() == null ? null : slice.next().encode()));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One of the caller's images")
    @APIResponse(responseCode = "200", description = "The image")
    @APIResponse(responseCode = "404", description = "No such image among the caller's")
    public Uni<ImageDetail> get(@PathParam("id") String id) {
        UUID imageId = imageId(id);
        return images.get(userId(), imageId).map(ImageDetail::of);
    }

    @GET
    @Path("{id}/content")
    @Operation(summary = "Redirect to a short-lived URL of the image's bytes")
    @APIResponse(responseCode = "302", description = "Location is a presigned URL valid for at most 5 minutes")
    @APIResponse(responseCode = "400", description = "Unknown variant")
    @APIResponse(responseCode = "404", description = "No such image among the caller's, or that variant is not stored")
    public Uni<Response> content(@PathParam("id") String id,
            @Parameter(description = "thumb, medium or original (default)") @QueryParam("variant") String variant) {
        Variant wanted = variant(variant);
        UUID imageId = imageId(id);
        return images.variant(userId(), imageId, wanted)
                // Off the event loop: the presigner may resolve credentials over the network.
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(content::link)
                .map(link -> Response.status(Response.Status.FOUND)
                        .header(HttpHeaders.LOCATION, link.url())
                        .header(HttpHeaders.CACHE_CONTROL, "private, max-age=" + link.cacheFor().toSeconds())
                        .build());
    }

    private UUID userId() {
        try {
            return UUID.fromString(jwt.getSubject());
        } catch (IllegalArgumentException | NullPointerException e) {
            // auth-service always puts the user id in sub; anything else is not one of our tokens.
            throw new UnauthorizedException("token subject is not a user id");
        }
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

    private static PageCursor cursor(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return PageCursor.decode(value.strip()).orElseThrow(() -> ProblemException.invalidField("cursor",
                "is not a cursor from this API; pass nextCursor of the previous page unchanged"));
    }

    private static Variant variant(String value) {
        if (value == null || value.isBlank()) {
            return Variant.ORIGINAL;
        }
        return Variant.fromWireName(value.strip()).orElseThrow(
                () -> ProblemException.invalidField("variant", "must be one of " + Variant.NAMES));
    }

    /** A malformed id cannot name one of the caller's images: the same 404 as an unknown one. */
    private static UUID imageId(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("Image", value);
        }
    }
}
