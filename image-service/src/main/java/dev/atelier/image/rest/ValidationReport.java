package dev.atelier.image.rest;

import java.util.List;
import java.util.Map;

import dev.atelier.problem.Problem;

/**
 * Answer of {@code POST /generations/validate}: what a submit of the same body would say, without storing anything.
 * {@code problems} are the field errors a submit would refuse with 400; {@code blockedReason} is the prompt
 * filter's reason a submit would refuse with 422 ({@code blocked-term}, {@code moderation:<category>}).
 * {@code detectedEmotion} and {@code suggestedName} come from the prompt whatever the body says;
 * {@code params} are those of the emotion a submit would use (the given one, else the detected one).
 */
public record ValidationReport(
        boolean valid,
        List<Problem.FieldError> problems,
        String detectedEmotion,
        String suggestedName,
        Map<String, Object> params,
        Integer estimatedCost,
        String blockedReason) {
}
