package dev.atelier.image.rest;

import java.net.URI;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.atelier.image.service.PromptBlockedException;
import dev.atelier.problem.Problem;

/** A refused prompt: the usual problem document plus the machine-readable {@code reason}. */
public class PromptBlockedMapper {

    @ServerExceptionMapper
    public Response blocked(PromptBlockedException e, UriInfo uri) {
        BlockedProblem body = new BlockedProblem(Problem.type(e.slug()), e.title(), e.status(), e.getMessage(),
                uri == null ? null : uri.getPath(), e.reason());
        return Response.status(e.status()).type(Problem.MEDIA_TYPE).entity(body).build();
    }

    /** RFC 7807 with one extension member, {@code reason}: {@code blocked-term} or {@code moderation:<category>}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BlockedProblem(URI type, String title, int status, String detail, String instance, String reason) {
    }
}
