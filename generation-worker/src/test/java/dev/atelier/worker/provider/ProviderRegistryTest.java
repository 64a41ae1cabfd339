package dev.atelier.worker.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import dev.atelier.worker.domain.GenerationException;
import dev.atelier.worker.domain.ImageSize;
import dev.atelier.worker.domain.RenderSpec;
import dev.atelier.worker.domain.Style;

/** Failover between providers, with stand-in providers (the remote ones are covered against WireMock). */
class ProviderRegistryTest {
    private static final RenderSpec SPEC = new RenderSpec("a fox", Style.REALISTIC, Optional.empty(), 7, 0,
            new ImageSize(512, 512));

    private final List<String> calls = new ArrayList<>();
    private final ProviderHealth health = new ProviderHealth();

    private final class Fake implements ImageProvider {
        private final String name;
        private final boolean enabled;
        private final Supplier<byte[]> answer;

        Fake(String name, boolean enabled, Supplier<byte[]> answer) {
            this.name = name;
            this.enabled = enabled;
            this.answer = answer;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String model() {
            return name + "-model";
        }

        @Override
        public boolean enabled() {
            return enabled;
        }

        @Override
        public byte[] render(RenderSpec spec) {
            calls.add(name);
            return answer.get();
        }
    }

    private static Supplier<byte[]> answers(String content) {
        return content::getBytes;
    }

    private static Supplier<byte[]> fails(GenerationException failure) {
        return () -> {
            throw failure;
        };
    }

    private static GenerationException unavailable() {
        return RemoteFailures.byStatus("x", 503, "down", Optional.empty());
    }

    private static GenerationException timedOut() {
        return RemoteFailures.afterFaultTolerance("x", new org.eclipse.microprofile.faulttolerance.exceptions
                .TimeoutException());
    }

    private ProviderRegistry registry(List<String> order, ImageProvider... providers) {
        return new ProviderRegistry(List.of(providers), "local", order, health);
    }

    @Test
    void theRequestedProviderRendersWhenItCan() {
        Fake openai = new Fake("openai", true, answers("openai"));
        ProviderRegistry registry = registry(List.of("stability", "local"), openai,
                new Fake("stability", true, answers("stability")), new Fake("local", true, answers("local")));

        RenderResult result = registry.render(openai, SPEC);

        assertEquals("openai", result.provider());
        assertEquals("openai-model", result.model());
        assertEquals(List.of("openai"), calls);
    }

    @Test
    void anUnavailableProviderFailsOverToTheNextEnabledOneInOrderAndTheResultNamesIt() {
        Fake openai = new Fake("openai", true, fails(unavailable()));
        ProviderRegistry registry = registry(List.of("openai", "stability", "huggingface", "local"), openai,
                new Fake("stability", false, answers("stability")),
                new Fake("huggingface", true, fails(timedOut())),
                new Fake("local", true, answers("local")));

        RenderResult result = registry.render(openai, SPEC);

        assertEquals("local", result.provider());
        assertEquals("local-model", result.model());
        assertEquals(List.of("openai", "huggingface", "local"), calls, "disabled stability skipped, openai tried once");
        assertTrue(health.isDown("openai"));
        assertTrue(health.isDown("huggingface"));
        assertFalse(health.isDown("local"));
    }

    @Test
    void aContentRefusalFailsAtOnceWithoutTryingAnotherProvider() {
        GenerationException refused = RemoteFailures.contentBlocked("openai", "flagged", Optional.empty());
        Fake openai = new Fake("openai", true, fails(refused));
        ProviderRegistry registry = registry(List.of("local"), openai, new Fake("local", true, answers("local")));

        GenerationException thrown = assertThrows(GenerationException.class, () -> registry.render(openai, SPEC));

        assertSame(refused, thrown);
        assertEquals(List.of("openai"), calls);
        assertFalse(health.isDown("openai"), "a refusal proves the provider is up");
    }

    @Test
    void anInvalidRequestOrImageFailsAtOnce() {
        for (GenerationException failure : List.of(
                RemoteFailures.byStatus("openai", 400, "bad size", Optional.empty()),
                RemoteFailures.invalidImage("openai", "garbage", null))) {
            calls.clear();
            Fake openai = new Fake("openai", true, fails(failure));
            ProviderRegistry registry = registry(List.of("local"), openai, new Fake("local", true, answers("l")));

            assertSame(failure, assertThrows(GenerationException.class, () -> registry.render(openai, SPEC)));
            assertEquals(List.of("openai"), calls);
        }
    }

    @Test
    void whenEveryProviderIsUnavailableTheJobFailsRetryablyAsProviderUnavailable() {
        Fake openai = new Fake("openai", true, fails(unavailable()));
        ProviderRegistry registry = registry(List.of("stability"), openai,
                new Fake("stability", true, fails(unavailable())));

        GenerationException thrown = assertThrows(GenerationException.class, () -> registry.render(openai, SPEC));

        assertEquals(GenerationException.PROVIDER_UNAVAILABLE, thrown.code());
        assertTrue(thrown.retryable());
        assertEquals(List.of("openai", "stability"), calls);
    }

    @Test
    void whenTheLastProviderTimedOutTheJobFailsRetryablyAsTimeout() {
        Fake openai = new Fake("openai", true, fails(unavailable()));
        ProviderRegistry registry = registry(List.of("huggingface"), openai,
                new Fake("huggingface", true, fails(timedOut())));

        GenerationException thrown = assertThrows(GenerationException.class, () -> registry.render(openai, SPEC));

        assertEquals(GenerationException.TIMEOUT, thrown.code());
        assertTrue(thrown.retryable());
    }

    @Test
    void aRequestedProviderWithoutKeyIsSkippedForTheOrder() {
        Fake openai = new Fake("openai", false, answers("openai"));
        ProviderRegistry registry = registry(List.of("local"), openai, new Fake("local", true, answers("local")));

        assertEquals("local", registry.render(openai, SPEC).provider());
        assertEquals(List.of("local"), calls);
    }

    @Test
    void theOrderIgnoresUnknownNamesCaseAndDuplicates() {
        Fake openai = new Fake("openai", true, fails(unavailable()));
        ProviderRegistry registry = registry(List.of(" OpenAI ", "dall-e-9", "LOCAL", "local"), openai,
                new Fake("local", true, fails(unavailable())));

        assertThrows(GenerationException.class, () -> registry.render(openai, SPEC));

        assertEquals(List.of("openai", "local"), calls);
    }

    @Test
    void findResolvesNamesAndTheDefault() {
        Fake local = new Fake("local", true, answers("local"));
        ProviderRegistry registry = registry(List.of("local"), local, new Fake("openai", false, answers("o")));

        assertSame(local, registry.find(null).orElseThrow());
        assertSame(local, registry.find(" ").orElseThrow());
        assertEquals("openai", registry.find("OpenAI").orElseThrow().name(), "known even while disabled");
        assertTrue(registry.find("dall-e-9").isEmpty());
        assertEquals(List.of("local"), registry.enabled().stream().map(ImageProvider::name).toList());
    }
}
