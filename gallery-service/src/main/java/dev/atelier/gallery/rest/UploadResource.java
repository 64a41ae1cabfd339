package dev.atelier.gallery.rest;

import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import dev.atelier.gallery.config.UploadConfig;
import dev.atelier.gallery.service.UploadService;
import dev.atelier.gallery.service.UploadService.NewUpload;
import dev.atelier.problem.ProblemException;
import io.smallrye.mutiny.Uni;

/** The caller's own images, uploaded rather than generated. */
@Path(UploadResource.PATH)
@RolesAllowed("user")
@Tag(name = "Uploads", description = "Adding one's own images to the gallery")
public class UploadResource {
    static final String PATH = "/api/v1/uploads";
    static final Set<String> STYLES = Set.of("realistic", "artistic", "minimal", "vibrant");

    private final UploadService uploads;
    private final JsonWebToken jwt;
    private final UploadConfig config;

    public UploadResource(UploadService uploads, JsonWebToken jwt, UploadConfig config) {
        this.uploads = uploads;
        this.jwt = jwt;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Upload a PNG, JPEG or WebP image into the caller's gallery",
            description = "The type is read from the file's bytes, never from its name or declared type. The image is "
                    + "re-encoded without its metadata; medium (1024 px) and thumb (256 px) variants are made.")
    @APIResponse(responseCode = "201", description = "The stored image; Location is its URL",
            content = @Content(schema = @Schema(implementation = ImageDetail.class)))
    @APIResponse(responseCode = "400", description = "No file, an empty, truncated or corrupt one, or a bad style or name")
    @APIResponse(responseCode = "413", description = "The file has too many bytes or the image too many pixels")
    @APIResponse(responseCode = "415", description = "The file is not a PNG, JPEG or WebP image")
    @APIResponse(responseCode = "503", description = "Too many uploads in progress, or storage unavailable")
    public Uni<Response> upload(
            @RestForm("file") @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING,
                    format = "binary", description = "The image") FileUpload file,
            @RestForm("style") @Schema(description = "realistic, artistic, minimal or vibrant") String style,
            @RestForm("name") @Schema(description = "At most 200 characters; default: the file's name") String name) {
        UUID userId = userId();
        if (file == null || file.uploadedFile() == null) {
            throw ProblemException.invalidField("file", "is required: send the image as a multipart file part");
        }
        String fileName = fileName(file.fileName());
        NewUpload upload = new NewUpload(userId, file.uploadedFile(), style(style), name(name, fileName), fileName);
        return uploads.upload(upload).map(image -> Response
                .created(URI.create(ImageResource.PATH + "/" + image.id))
                .entity(ImageDetail.of(image))
                .build());
    }

    private static String style(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String style = value.strip().toLowerCase(Locale.ROOT);
        if (!STYLES.contains(style)) {
            throw ProblemException.invalidField("style", "must be one of realistic, artistic, minimal, vibrant");
        }
        return style;
    }

    private String name(String value, String fileName) {
        if (value != null && !value.isBlank()) {
            String name = clean(value);
            if (name.codePointCount(0, name.length()) > config.maxNameLength()) {
                throw ProblemException.invalidField("name", "must be at most " + config.maxNameLength()
                        + " characters");
            }
            if (!name.isEmpty()) {
                return name;
            }
        }
        if (fileName != null) {
            int dot = fileName.lastIndexOf('.');
            String base = clean(dot > 0 ? fileName.substring(0, dot) : fileName);
            if (!base.isEmpty()) {
                return truncate(base, config.maxNameLength());
            }
        }
        return config.fallbackName();
    }

    /** The client's file name without any directory part, or {@code null}; kept only as a default name and metadata. */
    private String fileName(String value) {
        if (value == null) {
            return null;
        }
        String base = value.substring(Math.max(value.lastIndexOf('/'), value.lastIndexOf('\\')) + 1);
        String name = truncate(clean(base), config.maxNameLength());
        return name.isEmpty() ? null : name;
    }

    /** Without control characters, bidi overrides (which disguise names) and surrounding or repeated white space. */
    private static String clean(String value) {
        return value.replaceAll("[\\p{Cntrl}\\u202A-\\u202E\\u2066-\\u2069]", "").replaceAll("\\s+", " ").strip();
    }

    private static String truncate(String value, int codePoints) {
        if (value.codePointCount(0, value.length()) <= codePoints) {
            return value;
        }
        return value.substring(0, value.offsetByCodePoints(0, codePoints)).strip();
    }

    private UUID userId() {
        return Caller.userId(jwt);
    }
}
