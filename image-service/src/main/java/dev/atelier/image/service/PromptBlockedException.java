package dev.atelier.image.service;

import dev.atelier.problem.ProblemException;

/**
 * 422: the prompt filter refused the prompt. {@code reason} is {@code blocked-term} or
 * {@code moderation:<category>}; the matched term itself is not disclosed.
 */
public class PromptBlockedException extends ProblemException {
    public static final int STATUS = 422;
    public static final String SLUG = "prompt-blocked";
    public static final String BLOCKED_TERM = "blocked-term";
    public static final String MODERATION_PREFIX = "moderation:";

    private final String reason;

    public PromptBlockedException(String reason) {
        super(STATUS, SLUG, "Prompt blocked", "The prompt was refused (" + reason + ")");
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
