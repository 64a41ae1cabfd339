package dev.atelier.worker.provider;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.atelier.worker.provider.WireMockProviders.HUGGINGFACE_KEY;
import static dev.atelier.worker.provider.WireMockProviders.HUGGINGFACE_PATH;
import static dev.atelier.worker.provider.WireMockProviders.OPENAI_KEY;
import static dev.atelier.worker.provider.WireMockProviders.OPENAI_PATH;
import static dev.atelier.worker.provider.WireMockProviders.STABILITY_KEY;
import static dev.atelier.worker.provider.WireMockProviders.STABILITY_PATH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logmanager.LogContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.WireMock;

import dev.atelier.testinfra.RealInfraResource;
import dev.atelier.worker.domain.GenerationException;
import dev.atelier.worker.domain.ImageSize;
import dev.atelier.worker.domain.RenderSpec;
import dev.atelier.worker.domain.Style;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

/**
 * API keys stay secret: providers that echo the key back (as OpenAI does in its invalid-key message) or fail in
 * every other way produce no log line (the provider package logs at DEBUG in tests) and no exception text containing
 * a key.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfraResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = WireMockProviders.class, restrictToAnnotatedClass = false)
class ApiKeyNeverLeaksTest {
    private static final List<String> KEYS = List.of(OPENAI_KEY, STABILITY_KEY, HUGGINGFACE_KEY);
    private static final int SLOWER_THAN_TIMEOUT_MS = 4_000;
    private static final RenderSpec SPEC = new RenderSpec("a red kite over hills", Style.VIBRANT, Optional.empty(), 3,
            0, new ImageSize(1024, 1024));

    @Inject
    ProviderRegistry registry;

    @Inject
    OpenAiProvider openai;

    @Inject
    CircuitBreakerMaintenance breakers;

    @ConfigProperty(name = "atelier.worker.providers.openai.base-url")
    String wireMockUrl;

    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final List<Logger> roots = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            String message = record.getMessage();
            Object[] parameters = record.getParameters();
            StringBuilder line = new StringBuilder(String.valueOf(message));
            if (parameters != null) {
                for (Object parameter : parameters) {
                    line.append(" | ").append(parameter);
                }
            }
            if (record.getThrown() != null) {
                line.append(" | ").append(stackTrace(record.getThrown()));
            }
            logged.add(record.getLoggerName() + ": " + line);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private WireMock wireMock;

    @BeforeEach
    void captureLogs() {
        wireMock = WireMockProviders.client(wireMockUrl);
        breakers.resetAll();
        capture.setLevel(Level.ALL);
        roots.add(Logger.getLogger(""));
        roots.add(LogContext.getLogContext().getLogger(""));
        roots.forEach(root -> root.addHandler(capture));
    }

    @AfterEach
    void stopCapturing() {
        roots.forEach(root -> root.removeHandler(capture));
    }

    @Test
    void noLogLineOrFailureEverContainsAnApiKey() {
        wireMock.register(post(urlEqualTo(OPENAI_PATH)).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("""
                        {"error": {"message": "Incorrect API key provided: %s. You can find your API key at \
                        https://platform.openai.com/account/api-keys.", "type": "invalid_request_error", \
                        "param": null, "code": "invalid_api_key"}}""".formatted(OPENAI_KEY))));
        wireMock.register(post(urlEqualTo(STABILITY_PATH)).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\": \"1\", \"name\": \"internal_error\", \"errors\": [\"failed for key Bearer "
                        + STABILITY_KEY + "\"]}")));
        wireMock.register(post(urlEqualTo(HUGGINGFACE_PATH)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\": \"Authorization: Bearer " + HUGGINGFACE_KEY + " cannot run this model\"}")));
        List<Throwable> failures = new ArrayList<>();

        // openai 401 → fails over to stability 500 (retried) → huggingface 400, which stops the chain.
        GenerationException chain = assertThrows(GenerationException.class, () -> registry.render(openai, SPEC));
        failures.add(chain);
        assertEquals(GenerationException.INVALID_REQUEST, chain.code());
        assertTrue(chain.getMessage().contains(RemoteFailures.REDACTED), chain.getMessage());

        wireMock.register(post(urlEqualTo(OPENAI_PATH)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\": {\"message\": \"" + OPENAI_KEY + " is blocked\", \"code\": "
                        + "\"moderation_blocked\"}}")));
        failures.add(assertThrows(GenerationException.class, () -> openai.render(SPEC)));

        wireMock.register(post(urlEqualTo(OPENAI_PATH)).willReturn(aResponse().withStatus(200)
                .withFixedDelay(SLOWER_THAN_TIMEOUT_MS)));
        failures.add(assertThrows(GenerationException.class, () -> openai.render(SPEC)));

        assertFalse(logged.isEmpty(), "the capture sees the provider logs");
        assertTrue(logged.stream().anyMatch(line -> line.contains("openai")), String.join("\n", logged));
        for (String line : logged) {
            for (String key : KEYS) {
                assertFalse(line.contains(key), "a log line shows a key: " + line);
            }
        }
        for (Throwable failure : failures) {
            String text = stackTrace(failure);
            for (String key : KEYS) {
                assertFalse(text.contains(key), "a failure shows a key: " + text);
            }
        }
    }

    private static String stackTrace(Throwable failure) {
        StringWriter text = new StringWriter();
        failure.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
