package dev.atelier.worker.provider;

import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import dev.atelier.worker.domain.GenerationException;

/** Small helpers the remote providers share: the API key as a header, and lenient JSON reading of error bodies. */
final class RemoteKeys {
    private RemoteKeys() {
    }

    /** The configured key without surrounding blanks; empty when unset or blank. */
    static Optional<String> normalized(Optional<String> key) {
        return key.map(String::strip).filter(value -> !value.isEmpty());
    }

    static boolean present(Optional<String> key) {
        return normalized(key).isPresent();
    }

    /** {@code Bearer <key>}; a provider without a key is disabled and skipped, so this only guards direct calls. */
    static String bearer(String provider, Optional<String> key) {
        return "Bearer " + normalized(key)
                .orElseThrow(() -> new ProviderFailureException(GenerationException.PROVIDER_UNAVAILABLE,
                        provider + " has no API key configured", false, null));
    }

    /** The body as JSON, or a missing node when it is not JSON (error bodies are not always JSON). */
    static JsonNode parseQuietly(ObjectMapper json, String body) {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            JsonNode node = json.readTree(body);
            return node == null ? MissingNode.getInstance() : node;
        } catch (JsonProcessingException e) {
            return MissingNode.getInstance();
        }
    }
}
