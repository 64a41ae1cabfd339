package dev.atelier.image.rest;

import java.util.List;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.atelier.image.service.AccountDeletedException;
import dev.atelier.problem.Problem;

/** A still-valid token of a deleted account: 401 {@code urn:problem:atelier:account-deleted}. */
public class AccountDeletedMapper {
    static final String TITLE = "Account deleted";

    @ServerExceptionMapper
    public Response accountDeleted(AccountDeletedException e, UriInfo uri) {
        Problem problem = new Problem(Problem.type("account-deleted"), TITLE, 401,
                "This account has been deleted; its access tokens are no longer accepted",
                uri == null ? null : uri.getPath(), List.of());
        return Response.status(401).type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
                .entity(problem).build();
    }
}
