package dev.atelier.worker.provider;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Hugging Face Inference API, text-to-image task: {@code POST {base}/models/{owner}/{name}} with JSON
 * {@code {inputs, parameters: {width, height, guidance_scale, num_inference_steps, seed}}}, answered by the image
 * bytes, or an error {@code {error, estimated_time?}} (503 while the model loads). The model id's owner and name are
 * separate path parameters because a path parameter's slash would be encoded.
 */
@RegisterRestClient(configKey = HuggingFaceProvider.NAME)
@Path("/models")
interface HuggingFaceApi {

    @POST
    @Path("/{owner}/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    Response textToImage(@PathParam("owner") String owner, @PathParam("name") String name,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(HttpHeaders.ACCEPT) String accept,
            TextToImageRequest request);

    /** For a model id without an owner. */
    @POST
    @Path("/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    Response textToImage(@PathParam("name") String name,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(HttpHeaders.ACCEPT) String accept,
            TextToImageRequest request);

    record TextToImageRequest(String inputs, Parameters parameters) {
    }

    /** Guidance and steps only when the request's emotion set them; the model's defaults otherwise. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Parameters(
            int width,
            int height,
            @JsonProperty("guidance_scale") Double guidanceScale,
            @JsonProperty("num_inference_steps") Integer numInferenceSteps,
            long seed) {
    }
}
