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
import org.jboss.resteasy.reactive.client.api.ClientMultipartForm;

/**
 * Stability AI's Stable Image API: {@code POST /v2beta/stable-image/generate/{core|ultra}} with a
 * {@code multipart/form-data} body (prompt, aspect_ratio, seed, output_format, style_preset). With
 * {@code Accept: image/*} it answers the image bytes, with headers {@code finish-reason} and {@code seed}; with
 * {@code Accept: application/json} a JSON {@code {image (base64), finish_reason, seed}}. Errors are JSON
 * {@code {id, name, errors: [...]}}; a moderation refusal is 403 {@code name: content_moderation}.
 */
@RegisterRestClient(configKey = StabilityProvider.NAME)
@Path("/v2beta/stable-image/generate")
interface StabilityApi {

    @POST
    @Path("/{service}")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    Response generate(@PathParam("service") String service,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(HttpHeaders.ACCEPT) String accept,
            ClientMultipartForm form);
}
