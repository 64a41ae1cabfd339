package dev.atelier.image.client;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.smallrye.mutiny.Uni;

/**
 * OpenAI's moderation endpoint ({@code POST /v1/moderations}). Built by {@link OpenAiModeration} with the base URL
 * and timeouts of {@code atelier.image.moderation.openai.*}; use that class, not this interface.
 */
@RegisterRestClient(configKey = "openai-moderation")
@Path("/v1/moderations")
interface OpenAiModerationApi {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<ModerationResponse> moderate(@HeaderParam("Authorization") String authorization, ModerationRequest request);

    record ModerationRequest(String model, String input) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ModerationResponse(String id, String model, List<Result> results) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Result(
            Boolean flagged,
            Map<String, Boolean> categories,
            @JsonProperty("category_scores") Map<String, Double> categoryScores) {
    }
}
