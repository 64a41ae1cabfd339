package dev.atelier.image.client;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The OpenAI-shaped moderation provider, faked by WireMock, with a short timeout. */
public class ModerationProfile implements QuarkusTestProfile {
    static final String API_KEY = "sk-test-moderation";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "atelier.image.moderation.provider", "openai",
                "atelier.image.moderation.openai.api-key", API_KEY,
                "atelier.image.moderation.openai.timeout", "1s");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(ModerationWireMock.class));
    }
}
