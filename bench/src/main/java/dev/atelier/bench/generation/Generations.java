package dev.atelier.bench.generation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.atelier.launcher.Service;

/**
 * What the generation scenarios share: the stack they need (the worker's {@code instant} test provider on, the free
 * tier's credits and limits lifted so that the bench measures the service rather than its quotas) and the requests
 * they send.
 */
public final class Generations {
    public static final String GENERATIONS = "/api/v1/generations";
    static final String IMAGES = "/api/v1/images";
    static final String IMAGE_DATABASE = "image";
    static final String GALLERY_DATABASE = "gallery";
    /** The worker's test provider: a tiny image at once, so rendering costs next to nothing. */
    static final String PROVIDER = "instant";
    /** The smallest size: the cheapest image to encode, store and count. */
    static final String SIZE = "512x512";
    public static final int ACCEPTED = 202;
    /** Larger than any quota a run can reach: 500 submits/s for an hour is 1.8 million jobs. */
    private static final String UNLIMITED_CREDITS = "1000000000";
    private static final String UNLIMITED = "1000000";

    /** The stack config of both generation scenarios (identical, so they can share one stack). */
    public static final Map<Service, Map<String, String>> STACK_CONFIG = Map.of(
            Service.WORKER, Map.of(
                    "atelier.worker.providers.instant.enabled", "true",
                    "atelier.worker.providers.instant.delay", "0ms"),
            Service.IMAGE, Map.of(
                    "atelier.image.providers", "local," + PROVIDER,
                    "atelier.image.tiers.free.monthly-credits", UNLIMITED_CREDITS,
                    "atelier.image.tiers.free.submits-per-minute", UNLIMITED,
                    "atelier.image.tiers.free.max-concurrent-jobs", UNLIMITED));

    /** Prompts as people write them; each submit adds a number, so no two are alike (no prompt-cache hits). */
    static final List<String> PROMPTS = List.of(
            "a lighthouse on a cliff at dawn, soft light",
            "a quiet harbour with fishing boats in the fog",
            "a fox sleeping under a maple tree in autumn",
            "a neon city street in the rain at night",
            "an old steam train crossing a stone bridge",
            "a bowl of lemons on a wooden table, still life",
            "a snowy mountain village with warm windows",
            "a paper boat drifting on a calm pond");
    static final List<String> STYLES = List.of("realistic", "artistic", "minimal", "vibrant");

    private static final ObjectMapper JSON = new ObjectMapper();

    private Generations() {
    }

    /** The body of submit number {@code n}: one small image from the instant provider, prompt and style varied. */
    public static String submitBody(long n) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("prompt", PROMPTS.get((int) Math.floorMod(n, PROMPTS.size())) + ", study " + n);
        body.put("style", STYLES.get((int) Math.floorMod(n, STYLES.size())));
        body.put("count", 1);
        body.put("size", SIZE);
        body.put("provider", PROVIDER);
        return json(body);
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static com.fasterxml.jackson.databind.JsonNode readTree(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not JSON: " + abbreviate(text), e);
        }
    }

    /** A rate as labels show it: {@code 50}, {@code 12.5}. */
    static String rate(double perSecond) {
        return perSecond == Math.rint(perSecond) ? Long.toString((long) perSecond)
                : String.format(java.util.Locale.ROOT, "%.1f", perSecond);
    }

    /** A response body in an error message: its start. */
    public static String abbreviate(String text) {
        int max = 300;
        return text == null ? "" : text.length() <= max ? text : text.substring(0, max) + "…";
    }
}
