package dev.atelier.auth.rest;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.atelier.auth.service.TooManySignInsException;
import dev.atelier.problem.Problem;

/** A throttled sign-in: 429 problem+json with {@code Retry-After} in seconds. */
public class ThrottleProblemMapper {

    @ServerExceptionMapper
    public Response tooManySignIns(TooManySignInsException e, UriInfo uri) {
        Problem problem = new Problem(Problem.type(e.slug()), e.title(), e.status(), e.getMessage(),
                uri == null ? null : uri.getPath(), null);
        return Response.status(e.status()).type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds()).entity(problem).build();
    }
}
