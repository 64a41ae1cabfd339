package dev.atelier.image.rest;

import java.util.Optional;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.atelier.image.service.GenerationService;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * {@code POST /api/v1/images/{id}/regenerate}: the gallery's regenerate button, served here (DESIGN.md §2) as
 * {@code POST /api/v1/generations {fromImageId: id}}. The gateway routes this one path of {@code /images} here.
 */
@Path("/api/v1/images/{id}/regenerate")
@RolesAllowed("user")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Generations")
@SecurityRequirement(name = "jwt")
@APIResponse(responseCode = "401",
        description = "No valid bearer token, or its account was deleted")
public class RegenerateResource {
    private final GenerationService generations;
    private final SubmissionResponses submissions;
    private final JsonWebToken jwt;

    public RegenerateResource(GenerationService generations, SubmissionResponses submissions, JsonWebToken jwt) {
        this.generations = generations;
        this.submissions = submissions;
        this.jwt = jwt;
    }

    @POST
    @Parameter(name = IdempotencyKeyHeader.NAME, in = ParameterIn.HEADER,
            description = "Makes the submit safe to retry: 1 to 255 printable ASCII characters, kept at least 24 h")
    @Operation(summary = "Another take of one of the caller's generated images")
    @APIResponse(responseCode = "202", description = "Queued; follow the Location")
    @APIResponse(responseCode = "200", description = "From the prompt cache, or an Idempotency-Key replay")
    @APIResponse(responseCode = "400", description = "Invalid body or Idempotency-Key, the problem names it")
    @APIResponse(responseCode = "404", description = "Not one of the caller's generated images")
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used with a different request")
    public Uni<RestResponse<?>> regenerate(@PathParam("id") UUID imageId, @Valid RegenerateRequest request,
            @Context HttpServerRequest http) {
        String key = IdempotencyKeyHeader.parse(http.headers().getAll(IdempotencyKeyHeader.NAME));
        RegenerateRequest body = request == null ? RegenerateRequest.EMPTY : request;
        UUID user = Caller.userId(jwt);
        return submissions.answer(user, generations.submit(user, body.toDraft(imageId), key), Optional.empty());
    }
}
