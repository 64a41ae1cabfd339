package dev.atelier.image.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class EmotionDetectorTest {
    private final EmotionDetector detector = new EmotionDetector(Map.of(
            "calm", List.of("calm", "serene", "lake"),
            "energetic", List.of("neon", "racing"),
            "mysterious", List.of("fog", "ancient ruins"),
            "hopeful", List.of("dawn", "sunrise"),
            "melancholic", List.of("rain", "lonely")));

    @Test
    void aKeywordDetectsItsEmotion() {
        assertEquals(Optional.of("energetic"), detector.detect("a car racing through the city"));
    }

    @Test
    void matchingIgnoresCaseAndAccentsButNeedsWholeWords() {
        assertEquals(Optional.of("calm"), detector.detect("A SERÈNE garden"));
        // "rainbow" contains "rain" but is another word; "fogged" is not "fog".
        assertEquals(Optional.empty(), detector.detect("a rainbow over fogged glass"));
    }

    @Test
    void aPhraseMatchesOnlyAsConsecutiveWords() {
        assertEquals(Optional.of("mysterious"), detector.detect("Ancient   ruins, overgrown"));
        assertEquals(Optional.empty(), detector.detect("ancient temple ruins"));
    }

    @Test
    void theEmotionWithMostKeywordOccurrencesWins() {
        assertEquals(Optional.of("melancholic"), detector.detect("dawn, rain, a lonely rain-soaked street"));
    }

    @Test
    void aTieGoesToTheEmotionWhoseKeywordComesFirst() {
        assertEquals(Optional.of("hopeful"), detector.detect("sunrise over a calm sea"));
        assertEquals(Optional.of("calm"), detector.detect("a calm sea at sunrise"));
    }

    @Test
    void aTieAtTheSamePlaceGoesToTheFirstEmotionInTheListOrder() {
        EmotionDetector overlapping = new EmotionDetector(Map.of(
                "melancholic", List.of("blue"), "calm", List.of("blue")));
        assertEquals(Optional.of("calm"), overlapping.detect("blue"));
    }

    @Test
    void noKeywordMeansNoEmotion() {
        assertEquals(Optional.empty(), detector.detect("a red bicycle"));
        assertEquals(Optional.empty(), detector.detect(""));
    }
}
