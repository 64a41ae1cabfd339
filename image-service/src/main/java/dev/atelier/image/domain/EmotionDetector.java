package dev.atelier.image.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the emotion a prompt expresses from keyword lists. Keywords are words or phrases matched whole, ignoring
 * case and accents. The emotion with the most keyword occurrences wins; on a tie, the one whose keyword comes
 * first in the prompt; then the order of {@link GenerationOptions#EMOTIONS}. No keyword: no emotion.
 */
public final class EmotionDetector {
    /** Keyword phrases (already split into words) per emotion, in {@link GenerationOptions#EMOTIONS} order. */
    private final Map<String, List<List<String>>> phrases = new LinkedHashMap<>();

    public EmotionDetector(Map<String, List<String>> keywordsByEmotion) {
        for (String emotion : GenerationOptions.EMOTIONS) {
            List<String> keywords = keywordsByEmotion.getOrDefault(emotion, List.of());
            phrases.put(emotion, keywords.stream().map(Words::of).filter(p -> !p.isEmpty()).toList());
        }
    }

    public Optional<String> detect(String prompt) {
        List<String> words = Words.of(prompt);
        String best = null;
        int bestCount = 0;
        int bestFirst = Integer.MAX_VALUE;
        for (Map.Entry<String, List<List<String>>> entry : phrases.entrySet()) {
            int count = 0;
            int first = Integer.MAX_VALUE;
            for (List<String> phrase : entry.getValue()) {
                for (int at = Words.indexOf(words, phrase, 0); at >= 0; at = Words.indexOf(words, phrase, at + 1)) {
                    count++;
                    first = Math.min(first, at);
                }
            }
            if (count > bestCount || (count == bestCount && count > 0 && first < bestFirst)) {
                best = entry.getKey();
                bestCount = count;
                bestFirst = first;
            }
        }
        return Optional.ofNullable(best);
    }
}
