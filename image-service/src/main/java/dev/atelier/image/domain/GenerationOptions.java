package dev.atelier.image.domain;

import java.util.List;

/** The closed vocabularies of a generation request (DESIGN.md §1, §6). */
public final class GenerationOptions {
    public static final List<String> STYLES = List.of("realistic", "artistic", "minimal", "vibrant");
    public static final List<String> SIZES = List.of("512x512", "768x768", "1024x1024", "1024x1792", "1792x1024");
    public static final List<String> EMOTIONS = List.of("calm", "energetic", "mysterious", "hopeful", "melancholic");

    public static final String DEFAULT_SIZE = "1024x1024";
    public static final int DEFAULT_COUNT = 1;
    public static final int MIN_COUNT = 1;
    public static final int MAX_COUNT = 4;
    public static final int MAX_PROMPT_LENGTH = 500;
    public static final int MAX_NAME_LENGTH = 200;

    // Regular expressions for Bean Validation, which needs compile-time constants; keep them in step with the lists.
    public static final String STYLE_PATTERN = "realistic|artistic|minimal|vibrant";
    public static final String SIZE_PATTERN = "512x512|768x768|1024x1024|1024x1792|1792x1024";
    public static final String EMOTION_PATTERN = "calm|energetic|mysterious|hopeful|melancholic";
    /** No C0/C1 control characters (newlines and tabs included). */
    public static final String NO_CONTROL_CHARACTERS = "[^\\p{Cc}]*";

    /**
     * Seeds picked for the user stay below 2^32 - 1 so that every provider accepts them (Stability's API caps seeds
     * at 4294967294); a user may still send any non-negative seed.
     */
    public static final long GENERATED_SEED_BOUND = 4_294_967_295L;

    private GenerationOptions() {
    }
}
