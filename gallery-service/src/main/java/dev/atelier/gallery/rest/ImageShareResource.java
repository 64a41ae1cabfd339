package dev.atelier.gallery.rest;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.atelier.gallery.config.ShareConfig;
import dev.atelier.gallery.domain.ShareExpiry;
import dev.atelier.gallery.service.ShareService;
import dev.atelier.problem.ProblemException;
import io.smallrye.mutiny.Uni;

/** Share links of one of the caller's images. Another user's image is simply not found. */
@Path(ImageShareResource.PATH)
@RolesAllowed("user")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Shares", description = "Links that show one image to anyone until they expire or are revoked")
public class ImageShareResource {
    static final String PATH = ImageResource.PATH + "/{id}/shares";

    private final ShareService shares;
    private final JsonWebToken jwt;
    private final ShareConfig config;

    public ImageShareResource(ShareService shares, JsonWebToken jwt, ShareConfig config) {
        this.shares = shares;
        this.jwt = jwt;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a link that shows the image without a token until it expires")
    @APIResponse(responseCode = "201", description = "The link; Location is its URL. It is shown only this once.",
            content = @Content(schema = @Schema(implementation = ShareCreated.class)))
    @APIResponse(responseCode = "400", description = "expiresIn is not a duration from 1 minute to 30 days")
    @APIResponse(responseCode = "404", description = "No such image among the caller's")
    public Uni<Response> create(@PathParam("id") String id, ShareRequest request) {
        UUID imageId = id(id, "Image");
        Duration expiresIn = expiresIn(request == null ? null : request.expiresIn());
        return shares.create(userId(), imageId, expiresIn).map(created -> {
            String url = SharedLinkResource.PATH + "/" + created.token();
            return Response.created(URI.create(url))
                    .header("Cache-Control", "no-store")
                    .entity(new ShareCreated(created.share().id, url, created.share().expiresAt))
                    .build();
        });
    }

    @GET
    @Operation(summary = "The image's links that still work")
    @APIResponse(responseCode = "200", description = "Newest first, without their URLs")
    @APIResponse(responseCode = "404", description = "No such image among the caller's")
    public Uni<ShareList> list(@PathParam("id") String id) {
        return shares.active(userId(), id(id, "Image"))
                .map(active -> new ShareList(active.stream().map(ShareItem::of).toList()));
    }

    @DELETE
    @Path("{shareId}")
    @Operation(summary = "Revoke a link at once")
    @APIResponse(responseCode = "204", description = "Revoked (or already revoked or expired)")
    @APIResponse(responseCode = "404", description = "No such image among the caller's, or no such share of it")
    public Uni<Response> revoke(@PathParam("id") String id, @PathParam("shareId") String shareId) {
        UUID imageId = id(id, "Image");
        UUID share = id(shareId, "Share");
        return shares.revoke(userId(), imageId, share).map(done -> Response.noContent().build());
    }

    private Duration expiresIn(String value) {
        if (value == null || value.isBlank()) {
            return config.defaultExpiry();
        }
        String message = "must be an ISO-8601 duration (e.g. PT1H, P7D) or whole seconds, from "
                + config.minExpiry() + " to " + config.maxExpiry();
        Duration duration = ShareExpiry.parse(value).orElseThrow(() -> ProblemException.invalidField("expiresIn",
                message));
        if (duration.compareTo(config.minExpiry()) < 0 || duration.compareTo(config.maxExpiry()) > 0) {
            throw ProblemException.invalidField("expiresIn", message);
        }
        return duration;
    }

    private static UUID id(String value, String what) {
        return Caller.id(value, what);
    }

    private UUID userId() {
        return Caller.userId(jwt);
    }
}
