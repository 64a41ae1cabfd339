package dev.atelier.image.rest;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.atelier.image.service.InsufficientCreditsException;
import dev.atelier.image.service.LimitExceededException;
import dev.atelier.problem.Problem;

/** Refused submits as {@code application/problem+json}: 402 without enough credits, 429 over a tier limit. */
public class CreditProblemMappers {
    static final int PAYMENT_REQUIRED = 402;
    static final int TOO_MANY_REQUESTS = 429;

    @ServerExceptionMapper
    public Response insufficientCredits(InsufficientCreditsException e, UriInfo uri) {
        CreditProblem problem = new CreditProblem(Problem.type("insufficient-credits"), "Insufficient credits",
                PAYMENT_REQUIRED, e.getMessage(), path(uri), e.remaining(), e.cost(), null, null, null);
        return Response.status(PAYMENT_REQUIRED).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    @ServerExceptionMapper
    public Response limitExceeded(LimitExceededException e, UriInfo uri) {
        CreditProblem problem = new CreditProblem(Problem.type("rate-limited"), "Too many requests",
                TOO_MANY_REQUESTS, e.getMessage(), path(uri), null, null, e.limit(), e.allowed(),
                e.retryAfterSeconds());
        return Response.status(TOO_MANY_REQUESTS).type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds())
                .entity(problem).build();
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getPath();
    }
}
