package dev.atelier.gallery.rest;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestMulti;

import dev.atelier.gallery.config.DownloadConfig;
import dev.atelier.gallery.service.ZipDownloadService;
import dev.atelier.problem.ProblemException;

/** Several of the caller's images in one zip. */
@Path(ImageDownloadResource.PATH)
@RolesAllowed("user")
@Tag(name = "Images")
public class ImageDownloadResource {
    static final String PATH = ImageResource.PATH + "/download";
    static final String ZIP = "application/zip";
    private static final String FILE_NAME = "atelier-images.zip";

    private final ZipDownloadService downloads;
    private final JsonWebToken jwt;
    private final DownloadConfig config;

    public ImageDownloadResource(ZipDownloadService downloads, JsonWebToken jwt, DownloadConfig config) {
        this.downloads = downloads;
        this.jwt = jwt;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(ZIP)
    @Operation(summary = "Download several of the caller's images as one zip of their originals",
            description = "Streamed (chunked) as it is read from storage. Entries are named "
                    + "<name>-<first 8 characters of the id>.<ext>.")
    @APIResponse(responseCode = "200", description = "The zip, as an attachment")
    @APIResponse(responseCode = "400", description = "ids is missing, empty, has duplicates or more than 100 ids")
    @APIResponse(responseCode = "404", description = "One of the ids is not among the caller's images; nothing is sent")
    public RestMulti<byte[]> download(DownloadRequest request) {
        List<UUID> ids = ids(request);
        UUID userId = userId();
        return RestMulti.fromUniResponse(downloads.owned(userId, ids),
                images -> downloads.zip(userId, images),
                images -> Map.of(HttpHeaders.CONTENT_DISPOSITION,
                        List.of("attachment; filename=\"" + FILE_NAME + "\""),
                        HttpHeaders.CACHE_CONTROL, List.of("private, no-store")));
    }

    private List<UUID> ids(DownloadRequest request) {
        String message = "must hold 1 to " + config.maxImages() + " distinct image ids";
        if (request == null || request.ids() == null || request.ids().isEmpty()
                || request.ids().size() > config.maxImages()) {
            throw ProblemException.invalidField("ids", message);
        }
        Set<UUID> distinct = new HashSet<>();
        for (UUID id : request.ids()) {
            if (id == null || !distinct.add(id)) {
                throw ProblemException.invalidField("ids", message);
            }
        }
        return List.copyOf(request.ids());
    }

    private UUID userId() {
        return Caller.userId(jwt);
    }
}
