package dev.atelier.image.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.atelier.image.repository.WebhookDeliveryRepository;
import dev.atelier.image.service.GenerationService.Page;

/** One page of an endpoint's delivery log, newest first. */
public record WebhookDeliveryPage(List<Delivery> items, String nextCursor) {

    /**
     * One message (the webhook-id is its id) and every attempt to send it; {@code endpointId} is null for a job's
     * one-off URL.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Delivery(UUID id, UUID endpointId, String url, UUID jobId, String eventType, String status, Instant nextAttemptAt,
            Integer lastStatusCode, Instant createdAt, Instant finishedAt, List<Attempt> attempts) {
    }

    /** The receiver's status code, or the error that kept it from answering. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Attempt(Instant at, Integer statusCode, String error, int durationMs) {
    }

    static WebhookDeliveryPage of(Page<WebhookDeliveryRepository.Logged> page) {
        return new WebhookDeliveryPage(page.items().stream().map(WebhookDeliveryPage::delivery).toList(),
                page.nextCursor());
    }

    static Delivery delivery(WebhookDeliveryRepository.Logged logged) {
        return new Delivery(logged.id(), logged.endpointId(), logged.url(), logged.jobId(), logged.eventType(), logged.status(),
                logged.status().equals("pending") ? logged.nextAttemptAt() : null, logged.lastStatus(),
                logged.createdAt(), logged.finishedAt(),
                logged.log().stream().map(a -> new Attempt(a.at(), a.statusCode(), a.error(), a.durationMillis()))
                        .toList());
    }
}
