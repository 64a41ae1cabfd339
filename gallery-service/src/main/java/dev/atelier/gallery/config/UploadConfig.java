package dev.atelier.gallery.config;

import java.time.Duration;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;

import org.hibernate.validator.constraints.time.DurationMin;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Uploads, {@code atelier.gallery.upload.*}. {@code quarkus.http.limits.max-body-size} must stay a little above
 * {@link #maxBytes()} (multipart framing and the other fields), so an oversized file reaches the service and gets
 * a problem document instead of a bare 413 from the HTTP layer.
 */
@ConfigMapping(prefix = "atelier.gallery.upload")
public interface UploadConfig {

    /** Largest accepted file. */
    @WithDefault("10M")
    MemorySize maxBytes();

    /**
     * Largest accepted image in pixels (width × height), checked from the header before anything is decoded: a tiny
     * file may claim a huge image (a decompression bomb).
     */
    @WithDefault("40000000")
    @Positive
    long maxPixels();

    /**
     * Images decoded at the same time. Each may take {@link #maxPixels()} × 4–8 bytes of heap, so this bounds the
     * memory uploads can take; further uploads wait up to {@link #decodeWait()}.
     */
    @WithDefault("2")
    @Min(1)
    int maxConcurrentDecodes();

    /** How long an upload waits for a decoding slot before it is turned away with 503. */
    @WithDefault("PT20S")
    @DurationMin(millis = 1)
    Duration decodeWait();

    /** Longest side of the {@code medium} variant; written only for images larger than that. */
    @WithDefault("1024")
    @Min(16)
    int mediumSide();

    /** Longest side of the {@code thumb} variant (never upscaled). */
    @WithDefault("256")
    @Min(16)
    int thumbSide();

    /** JPEG quality of re-encoded JPEG originals and their variants, 0–1. */
    @WithDefault("0.9")
    @DecimalMin("0.1")
    @DecimalMax("1.0")
    float jpegQuality();

    /** Longest image name, in characters. */
    @WithDefault("200")
    @Min(1)
    @Max(1000)
    int maxNameLength();

    /** Name of an upload that was given no name and whose file name gives none. */
    @WithDefault("Untitled")
    String fallbackName();
}
