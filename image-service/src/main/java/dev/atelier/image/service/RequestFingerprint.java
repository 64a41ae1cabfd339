package dev.atelier.image.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.atelier.image.config.ImageConfig;
import dev.atelier.image.domain.GenerationDraft;
import dev.atelier.image.domain.GenerationOptions;

/**
 * The hash an {@code Idempotency-Key} is bound to: SHA-256 of the request as the service understands it, so two
 * bodies that mean the same thing hash alike. Text is trimmed (the request record does it) and an absent
 * {@code count}, {@code size} or {@code provider} is its default; an absent {@code seed} stays absent ("random")
 * and an absent {@code emotion} stays absent ("detect"), both meaning the same thing every time. With
 * {@code fromImageId}, absent fields other than {@code count} mean "copy from that image's job", so only the
 * count's default is filled in.
 */
@ApplicationScoped
public class RequestFingerprint {
    /** Bump when the normalisation changes, so an old hash never matches a differently normalised request. */
    private static final int FORMAT = 1;

    private final ImageConfig config;
    private final ObjectMapper mapper;

    public RequestFingerprint(ImageConfig config, ObjectMapper mapper) {
        this.config = config;
        this.mapper = mapper;
    }

    public String of(GenerationDraft draft) {
        return of(draft, config.defaultProvider(), mapper);
    }

    static String of(GenerationDraft draft, String defaultProvider, ObjectMapper mapper) {
        boolean regenerate = draft.fromImageId() != null;
        Normalised normalised = new Normalised(FORMAT,
                draft.prompt(),
                draft.style(),
                draft.count() != null ? draft.count() : Integer.valueOf(GenerationOptions.DEFAULT_COUNT),
                draft.size() != null || regenerate ? draft.size() : GenerationOptions.DEFAULT_SIZE,
                draft.name(),
                draft.emotion(),
                draft.seed(),
                draft.provider() != null || regenerate ? draft.provider() : defaultProvider,
                draft.fromImageId(),
                draft.webhook());
        try {
            return sha256(mapper.writeValueAsBytes(normalised));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a request for hashing", e);
        }
    }

    static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Field order is the record's, so the JSON (and the hash) of equal requests is byte for byte the same. */
    /** A request without a webhook hashes as it did before webhooks existed, so earlier keys still replay. */
    record Normalised(int format, String prompt, String style, Integer count, String size, String name,
            String emotion, Long seed, String provider, UUID fromImageId,
            @JsonInclude(JsonInclude.Include.NON_NULL) String webhook) {
    }
}
