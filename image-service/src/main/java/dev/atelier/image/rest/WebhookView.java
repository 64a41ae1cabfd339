package dev.atelier.image.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.atelier.image.domain.WebhookEndpoint;

/** A webhook endpoint; {@code secret} only in the answer to its registration, the one time it is shown. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Webhook")
public record WebhookView(
        UUID id,
        String url,
        List<String> eventTypes,
        String description,
        boolean enabled,
        @Schema(description = "Why it is disabled (a 410 from the receiver, or you)") String disabledReason,
        @Schema(description = "Signs the deliveries (Standard Webhooks); shown only when the endpoint is registered",
                examples = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw") String secret,
        @Schema(description = "After a rotation: until when the previous secret still signs too")
        Instant previousSecretExpiresAt,
        Instant createdAt,
        Instant updatedAt,
        @Schema(description = "This endpoint's delivery log") String deliveries) {

    static WebhookView of(WebhookEndpoint endpoint) {
        return of(endpoint, null);
    }

    static WebhookView of(WebhookEndpoint endpoint, String secret) {
        Instant previousExpiry = endpoint.getPreviousSecretExpiresAt();
        return new WebhookView(endpoint.getId(), endpoint.getUrl(), endpoint.getEventTypes(),
                endpoint.getDescription(), endpoint.isEnabled(), endpoint.getDisabledReason(), secret,
                previousExpiry != null && previousExpiry.isAfter(Instant.now()) ? previousExpiry : null,
                endpoint.getCreatedAt(), endpoint.getUpdatedAt(),
                WebhookResource.PATH + "/" + endpoint.getId() + "/deliveries");
    }
}
