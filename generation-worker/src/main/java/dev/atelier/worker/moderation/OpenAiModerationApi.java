package dev.atelier.worker.moderation;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * OpenAI's moderation endpoint, {@code POST /v1/moderations}, with one image as a data URL. Base URL and timeouts:
 * {@code quarkus.rest-client.openai-moderation.*}. Used through {@link OpenAiImageModerator} only.
 */
@RegisterRestClient(configKey = "openai-moderation")
@Path("/v1/moderations")
interface OpenAiModerationApi {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Response create(@HeaderParam("Authorization") String authorization, Request request);

    /** {@code {"model": …, "input": [{"type": "image_url", "image_url": {"url": "data:image/…;base64,…"}}]}} */
    record Request(String model, List<Input> input) {
    }

    record Input(String type, @JsonProperty("image_url") ImageUrl imageUrl) {
        static Input image(String url) {
            return new Input("image_url", new ImageUrl(url));
        }
    }

    record ImageUrl(String url) {
    }

    /** {@code {"id": …, "model": …, "results": [{"flagged": …, "categories": {"violence": true, …}, …}]}} */
    record Response(String id, String model, List<Result> results) {
    }

    record Result(Boolean flagged, Map<String, Boolean> categories) {
    }
}
