package dev.atelier.image.rest;

import static dev.atelier.image.domain.GenerationOptions.NO_CONTROL_CHARACTERS;

import java.util.ArrayList;
import java.util.List;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.atelier.image.domain.WebhookEventType;
import dev.atelier.image.service.WebhookService;
import dev.atelier.problem.ProblemException;

/**
 * Body of {@code POST /api/v1/webhooks} (url required) and {@code PATCH /api/v1/webhooks/{id}} (every field
 * optional; an empty description removes it).
 */
@Schema(name = "WebhookRequest")
public record WebhookRequest(
        @Schema(description = "Where to POST; https (http only where the operator allows it), resolving to public"
                + " addresses", examples = "https://example.com/atelier/webhook")
        String url,

        @Schema(description = "Events to send; all of them when absent",
                enumeration = { "generation.succeeded", "generation.failed", "generation.canceled" })
        @Size(min = 1, max = 3, message = "must name 1 to 3 event types")
        List<String> eventTypes,

        @Schema(description = "Your note about the endpoint", maxLength = 500)
        @Size(max = 500)
        @Pattern(regexp = NO_CONTROL_CHARACTERS, message = "must not contain control characters")
        String description,

        @Schema(description = "PATCH only: false pauses deliveries, true resumes them (also after a 410 disabled"
                + " the endpoint)")
        Boolean enabled) {

    public WebhookRequest {
        description = description == null ? null : description.strip();
    }

    WebhookService.Changes toChanges() {
        List<WebhookEventType> types = null;
        if (eventTypes != null) {
            types = new ArrayList<>();
            for (String name : eventTypes) {
                types.add(WebhookEventType.fromWire(name).orElseThrow(() -> ProblemException.invalidField(
                        "eventTypes", "must be among " + String.join(", ", WebhookEventType.allWireNames()))));
            }
        }
        return new WebhookService.Changes(url, types, description, enabled);
    }
}
