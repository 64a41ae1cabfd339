package dev.atelier.image.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A URL a user registered to be told when their jobs end, with the event types it wants and its signing secret.
 * A receiver answering 410 Gone disables it; the user may enable it again.
 */
@Entity
@Table(name = "webhook_endpoints")
public class WebhookEndpoint {
    @Id
    private UUID id;
    @Column(name = "user_id", nullable = false, updatable = false)
    private UUID userId;
    @Column(nullable = false)
    private String url;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "event_types", nullable = false, columnDefinition = "text[]")
    private List<String> eventTypes;
    private String description;
    @Column(nullable = false)
    private String secret;
    @Column(name = "previous_secret")
    private String previousSecret;
    @Column(name = "previous_secret_expires_at")
    private Instant previousSecretExpiresAt;
    @Column(nullable = false)
    private boolean enabled;
    @Column(name = "disabled_reason")
    private String disabledReason;
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected WebhookEndpoint() {
        // for Hibernate
    }

    /** A new endpoint; {@code storedSecret} is its signing secret as stored (encrypted or not). */
    public static WebhookEndpoint register(UUID userId, String url, List<WebhookEventType> types, String description,
            String storedSecret, Instant now) {
        WebhookEndpoint endpoint = new WebhookEndpoint();
        endpoint.id = UUID.randomUUID();
        endpoint.userId = userId;
        endpoint.url = url;
        endpoint.eventTypes = wireNames(types);
        endpoint.description = description;
        endpoint.secret = storedSecret;
        endpoint.enabled = true;
        endpoint.createdAt = now;
        endpoint.updatedAt = now;
        return endpoint;
    }

    /** Replaces the secret (as stored); the old one keeps signing beside it for {@code grace}. */
    public void rotateSecret(String storedSecret, Duration grace, Instant now) {
        previousSecret = secret;
        previousSecretExpiresAt = now.plus(grace);
        secret = storedSecret;
        updatedAt = now;
    }

    public void changeUrl(String newUrl, Instant now) {
        url = newUrl;
        updatedAt = now;
    }

    public void changeEventTypes(List<WebhookEventType> types, Instant now) {
        eventTypes = wireNames(types);
        updatedAt = now;
    }

    public void changeDescription(String newDescription, Instant now) {
        description = newDescription;
        updatedAt = now;
    }

    public void enable(boolean on, Instant now) {
        enabled = on;
        disabledReason = on ? null : "disabled by the user";
        updatedAt = now;
    }

    private static List<String> wireNames(List<WebhookEventType> types) {
        return new ArrayList<>(types.stream().distinct().sorted().map(WebhookEventType::wire).toList());
    }

    public UUID getId() {
        return id;
    }

    public UUID getUserId() {
        return userId;
    }

    public String getUrl() {
        return url;
    }

    public List<String> getEventTypes() {
        return List.copyOf(eventTypes);
    }

    public String getDescription() {
        return description;
    }

    public Instant getPreviousSecretExpiresAt() {
        return previousSecretExpiresAt;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public String getDisabledReason() {
        return disabledReason;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
