package dev.atelier.problem;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 7807 problem document. {@code type} is a stable URI naming the kind of problem
 * ({@code urn:problem:atelier:<slug>}); {@code errors} lists field violations.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(URI type, String title, int status, String detail, String instance, List<FieldError> errors) {
    public static final String MEDIA_TYPE = "application/problem+json";

    public record FieldError(String field, String message) {
    }

    public static URI type(String slug) {
        return URI.create("urn:problem:atelier:" + slug);
    }
}
