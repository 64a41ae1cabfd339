package dev.atelier.gallery.rest;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.RestMulti;
import org.jboss.resteasy.reactive.RestResponse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.atelier.gallery.config.GalleryConfig;
import dev.atelier.gallery.domain.ImagePatch;
import dev.atelier.gallery.domain.ImageSearch;
import dev.atelier.gallery.domain.Variant;
import dev.atelier.gallery.service.ImageContentService;
import dev.atelier.gallery.service.ImageEditService;
import dev.atelier.gallery.service.ImageSearchService;
import dev.atelier.gallery.service.ImageService;
import dev.atelier.gallery.service.ImageService.StoredVariant;
import dev.atelier.problem.ProblemException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/** The caller's own images. The user comes from the token; another user's image is simply not found. */
@Path(ImageResource.PATH)
@RolesAllowed("user")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Images", description = "Each user's private gallery")
public class ImageResource {
    static final String PATH = "/api/v1/images";
    static final String MERGE_PATCH_JSON = "application/merge-patch+json";

    private final ImageService images;
    private final ImageContentService content;
    private final ImageSearchService searching;
    private final ImageEditService editing;
    private final ImageListParser listParser;
    private final ImagePatchReader patchReader;
    private final JsonWebToken jwt;
    private final GalleryConfig config;

    public ImageResource(ImageService images, ImageContentService content, ImageSearchService searching,
            ImageEditService editing, ImageListParser listParser, ImagePatchReader patchReader, JsonWebToken jwt,
            GalleryConfig config) {
        this.config = config;
        this.images = images;
        this.content = content;
        this.searching = searching;
        this.editing = editing;
        this.listParser = listParser;
        this.patchReader = patchReader;
        this.jwt = jwt;
    }

    @GET
    @Operation(summary = "List the caller's images: newest first, or filtered, searched and sorted")
    @APIResponse(responseCode = "200", description = "A page of images")
    @APIResponse(responseCode = "400", description = "A parameter is invalid; the problem names it")
    public Uni<ImagePage> list(@BeanParam ImageListRequest request) {
        ImageSearch search = listParser.parse(request);
        return searching.search(userId(), search).map(page -> new ImagePage(
                page.images().stream().map(ImageItem::of).toList(),
                page.next() == null ? null : page.next().encode()));
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

    @PATCH
    @Path("{id}")
    @Consumes({ MERGE_PATCH_JSON, MediaType.APPLICATION_JSON })
    @Operation(summary = "Change the name, tags, favourite flag or metadata of one of the caller's images",
            description = "A JSON merge patch (RFC 7396): members that are absent stay as they are; `tags: null` "
                    + "removes every tag; `metadata` is merged into the stored metadata, where a null member "
                    + "removes that key and `metadata: null` removes them all.")
    @RequestBody(content = @Content(mediaType = MERGE_PATCH_JSON,
            schema = @Schema(implementation = ImagePatchBody.class)))
    @APIResponse(responseCode = "200", description = "The image as it now is")
    @APIResponse(responseCode = "400", description = "Not a valid patch (the problem names the fields); nothing changed")
    @APIResponse(responseCode = "404", description = "No such image among the caller's")
    @APIResponse(responseCode = "413", description = "The patch is too large")
    @APIResponse(responseCode = "415", description = "Neither application/merge-patch+json nor application/json")
    public Uni<ImageDetail> patch(@PathParam("id") String id, byte[] body) {
        UUID imageId = imageId(id);
        ImagePatch patch = patchReader.read(body);
        return editing.patch(userId(), imageId, patch).map(ImageDetail::of);
    }

    @GET
    @Path("{id}/content")
    // Binary types, so a streamed body goes out as stored (a JSON type would frame the chunks as an array); the
    // actual Content-Type is set per image below.
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @Operation(summary = "The image's bytes: a redirect to a short-lived URL, or streamed when so configured",
            description = "With Accept: application/json the answer is the presigned URL as JSON instead (see the"
                    + " JSON form of this operation), for clients such as browsers' <img> that cannot send a token")
    @APIResponse(responseCode = "302", description = "Location is a presigned URL valid for at most 5 minutes")
    @APIResponse(responseCode = "200", description = "The bytes, when atelier.gallery.content.delivery=stream")
    @APIResponse(responseCode = "400", description = "Unknown variant")
    @APIResponse(responseCode = "404", description = "No such image among the caller's, or that variant is not stored")
    public RestMulti<byte[]> content(@PathParam("id") String id,
            @Parameter(description = "thumb, medium or original (default)") @QueryParam("variant") String variant) {
        Uni<StoredVariant> stored = stored(id, variant);
        if (streamed()) {
            return RestMulti.fromUniResponse(stored, content::stream, found -> Map.of(
                    HttpHeaders.CONTENT_TYPE, List.of(content.mediaType(found)),
                    HttpHeaders.CONTENT_DISPOSITION, List.of(content.disposition(found)),
                    HttpHeaders.CACHE_CONTROL, List.of("private, no-store"),
                    HttpHeaders.VARY, List.of(HttpHeaders.ACCEPT)), found -> 200);
        }
        return RestMulti.fromUniResponse(link(stored), found -> Multi.createFrom().empty(), found -> Map.of(
                HttpHeaders.LOCATION, List.of(found.url()),
                HttpHeaders.CACHE_CONTROL, List.of(cacheControl(found)),
                HttpHeaders.VARY, List.of(HttpHeaders.ACCEPT)),
                found -> Response.Status.FOUND.getStatusCode());
    }

    /**
     * The same link as JSON: a browser's {@code <img>} cannot send the bearer token, so a web app fetches this and
     * puts the presigned URL in {@code src}. Chosen by content negotiation ({@code Accept: application/json}).
     */
    @GET
    @Path("{id}/content")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A short-lived URL of the image's bytes, as JSON (Accept: application/json)")
    @APIResponse(responseCode = "200", description = "The presigned URL (no token needed) and when it expires")
    @APIResponse(responseCode = "400", description = "Unknown variant")
    @APIResponse(responseCode = "404", description = "No such image among the caller's, or that variant is not stored")
    @APIResponse(responseCode = "406", description = "This deployment streams content"
            + " (atelier.gallery.content.delivery=stream): there is no URL to give, fetch the bytes with the token")
    public Uni<RestResponse<DownloadLink>> contentLink(@PathParam("id") String id,
            @Parameter(description = "thumb, medium or original (default)") @QueryParam("variant") String variant) {
        Uni<StoredVariant> stored = stored(id, variant);
        if (streamed()) {
            return stored.map(found -> {
                throw new ProblemException(406, "not-acceptable", "Not acceptable", "This deployment streams"
                        + " image content: fetch the bytes with the token instead of asking for a link");
            });
        }
        return link(stored).map(found -> RestResponse.ResponseBuilder.ok(new DownloadLink(found.url(), found.expiresAt()))
                .header(HttpHeaders.CACHE_CONTROL, cacheControl(found))
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT)
                .build());
    }

    private Uni<StoredVariant> stored(String id, String variant) {
        Variant wanted = variant(variant);
        UUID imageId = imageId(id);
        return images.variant(userId(), imageId, wanted);
    }

    private boolean streamed() {
        return config.content().delivery() == GalleryConfig.Delivery.STREAM;
    }

    // Off the event loop: the presigner may resolve credentials over the network.
    private Uni<ImageContentService.ContentLink> link(Uni<StoredVariant> stored) {
        return stored.emitOn(Infrastructure.getDefaultWorkerPool()).map(content::link);
    }

    private static String cacheControl(ImageContentService.ContentLink link) {
        return "private, max-age=" + link.cacheFor().toSeconds();
    }

    private UUID userId() {
        return Caller.userId(jwt);
    }

    private static Variant variant(String value) {
        if (value == null || value.isBlank()) {
            return Variant.ORIGINAL;
        }
        return Variant.fromWireName(value.strip()).orElseThrow(
                () -> ProblemException.invalidField("variant", "must be one of " + Variant.NAMES));
    }

    private static UUID imageId(String value) {
        return Caller.imageId(value);
    }
}
