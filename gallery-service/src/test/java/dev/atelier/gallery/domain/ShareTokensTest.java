package dev.atelier.gallery.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;

import org.junit.jupiter.api.Test;

class ShareTokensTest {

    @Test
    void aTokenCarriesTheRequestedRandomBytesAsBase64Url() {
        String token = ShareTokens.generate(32);

        assertEquals(43, token.length());
        assertEquals(32, Base64.getUrlDecoder().decode(token).length);
        assertTrue(ShareTokens.isWellFormed(token));
        assertNotEquals(token, ShareTokens.generate(32));
    }

    @Test
    void theHashIsHexSha256() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ShareTokens.hash("abc"));
    }

    @Test
    void textThatCannotBeATokenIsNotWellFormed() {
        assertFalse(ShareTokens.isWellFormed(null));
        assertFalse(ShareTokens.isWellFormed("short"));
        assertFalse(ShareTokens.isWellFormed("a".repeat(40) + "/.."));
        assertFalse(ShareTokens.isWellFormed("a".repeat(129)));
    }
}
