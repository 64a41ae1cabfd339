package dev.atelier.image.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class NameSuggesterTest {
    private final NameSuggester namer = new NameSuggester(List.of("a", "an", "the", "of", "at", "in", "with"), 4, 60);

    @Test
    void stopWordsAreDroppedAndWordsCapitalised() {
        assertEquals(Optional.of("Lighthouse Dawn"), namer.suggest("a lighthouse at dawn"));
    }

    @Test
    void onlyTheFirstMeaningfulWordsAreKept() {
        assertEquals(Optional.of("Red Fox Snow Under"), namer.suggest("A red fox in snow under the northern lights"));
    }

    @Test
    void punctuationSeparatesWordsAndCapitalsAreKept() {
        assertEquals(Optional.of("Neon NYC Skyline"), namer.suggest("neon, NYC skyline!"));
    }

    @Test
    void stopWordsAreRecognisedWhateverTheirCase() {
        assertEquals(Optional.of("Cat"), namer.suggest("THE cat"));
    }

    @Test
    void theNameStopsAtAWordBoundaryWithinTheLimit() {
        NameSuggester short20 = new NameSuggester(List.of(), 10, 20);
        assertEquals(Optional.of("Quiet Harbour Boats"), short20.suggest("quiet harbour boats drifting"));
    }

    @Test
    void aSingleOverlongWordIsCut() {
        Optional<String> name = namer.suggest("x".repeat(100));
        assertTrue(name.isPresent());
        assertEquals(60, name.get().length());
    }

    @Test
    void aPromptOfStopWordsOnlyGetsNoName() {
        assertEquals(Optional.empty(), namer.suggest("the of a ... !"));
    }
}
