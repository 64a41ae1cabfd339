package dev.atelier.gallery.config;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** gallery-service settings, {@code atelier.gallery.*}; validated at startup. */
@ConfigMapping(prefix = "atelier.gallery")
public interface GalleryConfig {

    /** The bucket that holds every image variant (DESIGN.md §5). */
    @WithDefault("atelier-images")
    @NotBlank
    String bucket();

    Content content();

    Page page();

    Naming naming();

    Consumer consumer();

    Search search();

    Tags tags();

    Edit edit();

    interface Content {
        /** How long a presigned content URL stays valid; DESIGN.md §2 caps it at 5 minutes. */
        @WithDefault("PT5M")
        @DurationMin(seconds = 1)
        @DurationMax(minutes = 5)
        Duration urlValidity();

        /**
         * How much sooner than the URL expires a client must stop reusing the cached redirect, so a cached
         * redirect never points at an expired URL.
         */
        @WithDefault("PT1M")
        @DurationMin(seconds = 1)
        Duration cacheMargin();

        /**
         * {@code redirect}: 302 to a presigned URL (clients fetch from S3 directly). {@code stream}: the service
         * streams the bytes itself, for deployments whose S3 endpoint clients cannot reach.
         */
        @WithDefault("redirect")
        Delivery delivery();

        /** Bytes read from S3 per chunk when streaming. */
        @WithDefault("65536")
        @Positive
        int streamChunkBytes();
    }

    enum Delivery {
        REDIRECT,
        STREAM
    }

    interface Page {
        /** Items per page when the client gives no {@code limit}. */
        @WithDefault("20")
        @Positive
        int defaultLimit();

        /** Largest {@code limit} a client may ask for. */
        @WithDefault("50")
        @Positive
        int maxLimit();

        /**
         * Largest {@code page} (1-based, OFFSET paging for simple clients). OFFSET costs grow with the depth; deeper
         * pages are reached with {@code nextCursor}, which any page also returns.
         */
        @WithDefault("500")
        @Positive
        int maxPage();
    }

    interface Naming {
        /** How many of the prompt's first words make the name of an image that was not given one. */
        @WithDefault("5")
        @Positive
        int promptWords();

        /** Longest derived name, in characters (before the {@code " (2)"} suffix). */
        @WithDefault("60")
        @Min(8)
        int maxLength();

        /** Name of an image whose job had neither a name nor a usable prompt. */
        @WithDefault("Untitled")
        @NotBlank
        String fallback();
    }

    interface Consumer {
        /** Attempts after the first for a transient failure (database down…) before the record goes to the DLQ. */
        @WithDefault("3")
        @Min(0)
        int retries();

        /** First back-off between those attempts; it doubles each time. */
        @WithDefault("PT0.2S")
        Duration retryBackoff();
    }

    interface Search {
        /** Longest {@code q}, {@code name} and {@code prompt} filter, in characters: matching costs grow with it. */
        @WithDefault("200")
        @Positive
        int maxTextLength();
    }

    /** Rules of an image's tags, both when set (PATCH) and when filtered on ({@code tag=}). */
    interface Tags {
        /** Most tags on one image, and most {@code tag} filters in one list request. */
        @WithDefault("20")
        @Positive
        int maxCount();

        /** Longest tag, in characters after normalisation. */
        @WithDefault("40")
        @Positive
        int maxLength();
    }

    interface Edit {
        /** Longest image name, in characters after trimming. */
        @WithDefault("200")
        @Positive
        int nameMaxLength();

        /** Largest metadata object, in bytes of compact UTF-8 JSON, after the patch is merged into it. */
        @WithDefault("16384")
        @Positive
        int metadataMaxBytes();

        /** Deepest nesting of objects and arrays inside metadata. */
        @WithDefault("32")
        @Positive
        int metadataMaxDepth();

        /** Largest PATCH body, in bytes; larger ones are refused before they are parsed. */
        @WithDefault("65536")
        @Positive
        int maxBodyBytes();
    }
}
