package dev.atelier.problem;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * Turns every failure into {@code application/problem+json}. Never puts stack traces, class names or SQL in a
 * body; a 500 carries only a correlation id that is also in the log.
 */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(new Problem(Problem.type(e.slug()), e.title(), e.status(), e.getMessage(), path(uri),
                e.errors()));
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; "));
        return respond(new Problem(Problem.type("validation"), "Invalid request", 400, detail, path(uri), errors));
    }

    /** A body that is not JSON, or whose values have the wrong type: name the field when we know it. */
    @ServerExceptionMapper({ JsonProcessingException.class })
    public Response badJson(JsonProcessingException e, UriInfo uri) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            String message = e instanceof InvalidFormatException || e instanceof MismatchedInputException
                    ? "has the wrong type or format"
                    : "is not acceptable";
            return respond(new Problem(Problem.type("validation"), "Invalid request", 400, field + ": " + message,
                    path(uri), List.of(new Problem.FieldError(field, message))));
        }
        String location = e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        return respond(new Problem(Problem.type("malformed-json"), "Malformed JSON", 400,
                "The request body is not valid JSON" + location, path(uri), List.of()));
    }

    /**
     * A wrong JSON type ({@code "count": "two"}). Quarkus REST ships its own mapper for this exact type that answers
     * plain JSON; mapping the exact type here takes precedence over it.
     */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return badJson(e, uri);
    }

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    public Response unauthorized(RuntimeException e, UriInfo uri) {
        Problem problem = new Problem(Problem.type("unauthorized"), "Unauthorized", 401,
                "A valid bearer token is required", path(uri), List.of());
        return Response.status(401).type(Problem.MEDIA_TYPE).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .entity(problem).build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(new Problem(Problem.type("forbidden"), "Forbidden", 403,
                "You are not allowed to do this", path(uri), List.of()));
    }

    /** JAX-RS's own errors (unknown route, wrong method, unsupported media type…), keeping their status. */
    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        // quarkus-rest wraps some body parse errors (e.g. truncated JSON) in a plain 400.
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                return badJson(json, uri);
            }
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, uri);
        }
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type == null ? "Error" : type.getReasonPhrase();
        Response.ResponseBuilder response = Response.fromResponse(e.getResponse()).type(Problem.MEDIA_TYPE)
                .entity(new Problem(Problem.type(slug(title)), title, status, title, path(uri), List.of()));
        return response.build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        String incident = java.util.UUID.randomUUID().toString();
        Log.errorf(e, "Unexpected error, incident %s, %s", incident, path(uri));
        return respond(new Problem(Problem.type("internal"), "Internal error", 500,
                "Something went wrong on our side; incident " + incident, path(uri), List.of()));
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static String slug(String title) {
        return title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getPath();
    }

    /** {@code submit.request.prompt} → {@code prompt}: the field as the client named it. */
    private static String field(ConstraintViolation<?> violation) {
        String last = null;
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getName() != null) {
                last = node.getName();
            }
        }
        return last == null ? "body" : last;
    }
}
