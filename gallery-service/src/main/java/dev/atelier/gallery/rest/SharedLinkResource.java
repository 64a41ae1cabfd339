package dev.atelier.gallery.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.atelier.gallery.service.ImageContentService;
import dev.atelier.gallery.service.ShareService;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/** A share link, opened by anyone: the token in the path is the only credential. */
@Path(SharedLinkResource.PATH)
@PermitAll
@Tag(name = "Shares")
public class SharedLinkResource {
    static final String PATH = "/api/v1/shares";

    private final ShareService shares;
    private final ImageContentService content;

    public SharedLinkResource(ShareService shares, ImageContentService content) {
        this.shares = shares;
        this.content = content;
    }

    @GET
    @Path("{token}")
    @Operation(summary = "Open a share link (no authentication)")
    @APIResponse(responseCode = "302", description = "Location is a presigned URL of the image (medium size when "
            + "there is one) valid for at most 5 minutes")
    @APIResponse(responseCode = "404", description = "Unknown, expired or revoked link, or the image is in the trash")
    public Uni<Response> open(@PathParam("token") String token) {
        return shares.resolve(token)
                // Off the event loop: the presigner may resolve credentials over the network.
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(content::link)
                .map(link -> Response.status(Response.Status.FOUND)
                        .header(HttpHeaders.LOCATION, link.url())
                        // Not cached: a revoked link must stop working at once.
                        .header(HttpHeaders.CACHE_CONTROL, "no-store")
                        .header("Referrer-Policy", "no-referrer")
                        .build());
    }
}
