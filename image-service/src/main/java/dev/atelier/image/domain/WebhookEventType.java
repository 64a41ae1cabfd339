package dev.atelier.image.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a webhook is told about: the ways a job ends. The wire names are those of the {@code type} field. */
public enum WebhookEventType {
    SUCCEEDED("generation.succeeded"),
    FAILED("generation.failed"),
    CANCELED("generation.canceled");

    private final String wire;

    WebhookEventType(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    public static Optional<WebhookEventType> fromWire(String value) {
        return Arrays.stream(values()).filter(type -> type.wire.equals(value)).findFirst();
    }

    public static List<String> allWireNames() {
        return Arrays.stream(values()).map(WebhookEventType::wire).toList();
    }
}
