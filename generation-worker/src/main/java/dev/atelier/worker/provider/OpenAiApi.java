package dev.atelier.worker.provider;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * OpenAI Images API, "create image": {@code POST /v1/images/generations} with a JSON body, answered by
 * {@code {created, data: [{b64_json, revised_prompt?}]}} or an error {@code {error: {message, type, code}}}. Returns
 * the raw {@link Response} (the default exception mapper is disabled) so {@link OpenAiProvider} reads every status
 * itself.
 */
@RegisterRestClient(configKey = OpenAiProvider.NAME)
@Path("/v1/images")
interface OpenAiApi {

    @POST
    @Path("/generations")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Response generate(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, ImageRequest request);

    /**
     * One image ({@code n = 1}). {@code response_format} only for DALL·E models (GPT image models always answer
     * base64 and reject the field); {@code quality} only when configured.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ImageRequest(
            String model,
            String prompt,
            int n,
            String size,
            @JsonProperty("response_format") String responseFormat,
            String quality) {
    }
}
