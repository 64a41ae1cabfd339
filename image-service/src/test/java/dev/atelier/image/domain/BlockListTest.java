package dev.atelier.image.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class BlockListTest {
    private final BlockList list = new BlockList(List.of("scum", "forbidden fruit"));

    @Test
    void aBlockedWordIsFoundWhateverItsCase() {
        assertEquals(Optional.of("scum"), list.firstMatch("pond SCUM at night"));
    }

    @Test
    void accentsAndLightLeetspeakDoNotHideIt() {
        assertEquals(Optional.of("scum"), list.firstMatch("$cüm"));
        assertEquals(Optional.of("forbidden fruit"), list.firstMatch("a F0RB1DD3N   fru!t, glowing"));
    }

    @Test
    void onlyWholeWordsAndWholePhrasesMatch() {
        assertEquals(Optional.empty(), list.firstMatch("a scumbag"));
        assertEquals(Optional.empty(), list.firstMatch("forbidden tasty fruit"));
    }

    @Test
    void aCleanPromptPasses() {
        assertEquals(Optional.empty(), list.firstMatch("a basket of fruit"));
    }
}
