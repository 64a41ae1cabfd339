package dev.atelier.image.rest;

import java.net.URI;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 7807 problem of a refused submit, with the extension members a client needs to react: {@code remaining}
 * and {@code cost} for missing credits, {@code limit}, {@code allowed} and {@code retryAfter} (seconds) for a limit.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreditProblem(URI type, String title, int status, String detail, String instance, Integer remaining,
        Integer cost, String limit, Integer allowed, Long retryAfter) {
}
