package dev.atelier.worker.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class ImageSizeTest {

    @Test
    void aSizeIsWidthByHeight() {
        assertEquals(Optional.of(new ImageSize(1024, 768)), ImageSize.parse("1024x768"));
        assertEquals(Optional.of(new ImageSize(512, 512)), ImageSize.parse(" 512X512 "));
    }

    @Test
    void anythingElseIsNoSize() {
        for (String bad : new String[] { null, "", "1024", "1024x", "x768", "0x512", "-5x5", "1024*768", "big",
                "99999999x1" }) {
            assertEquals(Optional.empty(), ImageSize.parse(bad), String.valueOf(bad));
        }
    }

    @Test
    void limitsApplyToBothSides() {
        assertTrue(new ImageSize(64, 2048).within(64, 2048));
        assertFalse(new ImageSize(63, 512).within(64, 2048));
        assertFalse(new ImageSize(512, 2049).within(64, 2048));
    }
}
