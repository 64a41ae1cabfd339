package dev.atelier.worker.testing;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import dev.atelier.worker.domain.GenerationException;
import dev.atelier.worker.domain.RenderSpec;
import dev.atelier.worker.provider.ImageProvider;
import dev.atelier.worker.provider.ProceduralRenderer;
import dev.atelier.worker.service.PngImages;

/**
 * A provider for tests, named {@code scripted}: each test scripts, for its own prompt, what the successive render
 * calls do (answer given bytes, fail, block until released). Unscripted calls render like {@code local}.
 */
@ApplicationScoped
public class ScriptedProvider implements ImageProvider {
    public static final String NAME = "scripted";
    public static final String MODEL = "scripted-1";

    /** What one render call does. */
    @FunctionalInterface
    public interface Step {
        byte[] render(RenderSpec spec) throws InterruptedException;
    }

    private final ProceduralRenderer renderer = new ProceduralRenderer();
    private final Map<String, Queue<Step>> scripts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Map<String, RenderSpec> lastSpecs = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String model() {
        return MODEL;
    }

    /** The next render calls for {@code prompt}, in order. */
    public void script(String prompt, Step... steps) {
        scripts.put(prompt, new ConcurrentLinkedQueue<>(List.of(steps)));
    }

    public int calls(String prompt) {
        AtomicInteger count = calls.get(prompt);
        return count == null ? 0 : count.get();
    }

    public RenderSpec lastSpec(String prompt) {
        return lastSpecs.get(prompt);
    }

    @Override
    public byte[] render(RenderSpec spec) {
        calls.computeIfAbsent(spec.prompt(), prompt -> new AtomicInteger()).incrementAndGet();
        lastSpecs.put(spec.prompt(), spec);
        Queue<Step> script = scripts.get(spec.prompt());
        Step step = script == null ? null : script.poll();
        try {
            return step == null ? PngImages.encode(renderer.render(spec)) : step.render(spec);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw GenerationException.renderFailed("interrupted", false, e);
        }
    }

    public static Step answer(byte[] data) {
        return spec -> data;
    }

    public static Step rendered() {
        return spec -> PngImages.encode(new ProceduralRenderer().render(spec));
    }

    public static Step fail(String code, boolean retryable) {
        return spec -> {
            throw new GenerationException(code, "scripted " + code, retryable, null);
        };
    }

    /** Counts {@code started} down, then blocks until {@code release} opens (or the call is interrupted). */
    public static Step blockUntil(CountDownLatch started, CountDownLatch release, CountDownLatch interrupted) {
        return spec -> {
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
            return PngImages.encode(new ProceduralRenderer().render(spec));
        };
    }
}
