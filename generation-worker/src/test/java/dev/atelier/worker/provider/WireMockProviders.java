package dev.atelier.worker.provider;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.net.URI;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Stands in for the paid image APIs: one WireMock server on a free loopback port, with the base URLs of
 * {@code openai}, {@code stability} and {@code huggingface} pointed at it and a test key for each (so all three are
 * enabled). Tests stub and verify through {@link #client(String)}, WireMock's admin API, which works whatever class
 * loader the test runs in.
 */
public class WireMockProviders implements QuarkusTestResourceLifecycleManager {
    public static final String OPENAI_KEY = "sk-test-openai-5f1c2b7e9a04d6";
    public static final String STABILITY_KEY = "sk-test-stability-8d3e4a1b0c77f2";
    public static final String HUGGINGFACE_KEY = "hf_testHuggingFace2c7d9e41b8a3";
    /** The Hugging Face base URL's path, as on the real router ({@code .../hf-inference}). */
    public static final String HUGGINGFACE_ROOT = "/hf-inference";
    public static final String OPENAI_PATH = "/v1/images/generations";
    public static final String STABILITY_PATH = "/v2beta/stable-image/generate/core";
    public static final String HUGGINGFACE_PATH = HUGGINGFACE_ROOT + "/models/black-forest-labs/FLUX.1-dev";

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        String base = "http://127.0.0.1:" + server.port();
        return Map.of(
                "atelier.worker.providers.openai.base-url", base,
                "atelier.worker.providers.openai.api-key", OPENAI_KEY,
                "atelier.worker.providers.stability.base-url", base,
                "atelier.worker.providers.stability.api-key", STABILITY_KEY,
                "atelier.worker.providers.huggingface.base-url", base + HUGGINGFACE_ROOT,
                "atelier.worker.providers.huggingface.api-key", HUGGINGFACE_KEY);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }

    /** A client of the WireMock server behind {@code baseUrl} (e.g. the configured openai base URL), reset. */
    public static WireMock client(String baseUrl) {
        URI uri = URI.create(baseUrl);
        WireMock wireMock = new WireMock(uri.getHost(), uri.getPort());
        wireMock.resetMappings();
        wireMock.resetRequests();
        wireMock.resetScenarios();
        return wireMock;
    }
}
