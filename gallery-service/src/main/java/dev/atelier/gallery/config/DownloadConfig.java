package dev.atelier.gallery.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Zip downloads of several images, {@code atelier.gallery.download.*}. */
@ConfigMapping(prefix = "atelier.gallery.download")
public interface DownloadConfig {

    /** Most images one zip may hold. */
    @WithDefault("100")
    @Min(1)
    @Max(1000)
    int maxImages();

    /**
     * Size of one chunk of the streamed zip: what is read from S3 and held in memory per request at a time. The
     * next chunk is read only when the client has taken the previous one.
     */
    @WithDefault("64K")
    MemorySize chunkSize();

    /** Longest file name (before {@code -<id8>.<ext>}) of a zip entry. */
    @WithDefault("80")
    @Min(8)
    int maxEntryNameLength();
}
