package dev.atelier.security;

import java.util.List;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.atelier.problem.Problem;

/**
 * A token of a deleted account: 401 with its own problem type, so a client can tell "sign in again" from "this
 * account is gone". Chosen over the problem module's generic 401 because the exception type is more specific.
 */
public class AccountDeletedMapper {
    static final String TYPE = "account-deleted";
    static final int UNAUTHORIZED = 401;

    @ServerExceptionMapper
    public Response accountDeleted(AccountDeletedException e, UriInfo uri) {
        Problem problem = new Problem(Problem.type(TYPE), "Account deleted", UNAUTHORIZED,
                "This account has been deleted; its access tokens are no longer accepted",
                uri == null ? null : uri.getPath(), List.of());
        return Response.status(UNAUTHORIZED).type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
                .entity(problem).build();
    }
}
