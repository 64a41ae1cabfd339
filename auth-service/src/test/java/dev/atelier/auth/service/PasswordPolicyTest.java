package dev.atelier.auth.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordPolicyTest {
    private static final String EMAIL = "ada.lovelace@example.com";
    private static final String NAME = "Ada Lovelace Byron";
    private final PasswordPolicy policy = new PasswordPolicy();

    @ParameterizedTest
    @ValueSource(strings = { "qwerty123456", "1qaz2wsx3edc", "Password2024!", "!!iloveyou!!2024", "PASSWORD12345",
            "monkey123456" })
    void commonPasswordsAndTheirDecoratedFormsAreRefused(String password) {
        assertEquals(Optional.of("is one of the most commonly used passwords; choose another"),
                policy.reason(password, EMAIL, NAME), password);
    }

    @ParameterizedTest
    @ValueSource(strings = { "aaaaaaaaaaaa", "abababababab", "111122223333" })
    void passwordsOfFewDistinctCharactersAreRefused(String password) {
        assertTrue(policy.reason(password, EMAIL, NAME).isPresent(), password);
    }

    @Test
    void theEmailOrItsLocalPartOrTheNameIsRefused() {
        assertEquals(Optional.of("must not be your email address"), policy.reason("ADA.Lovelace@example.com", EMAIL,
                NAME));
        assertEquals(Optional.of("must not be your email address"), policy.reason("ada.lovelace", EMAIL, NAME));
        assertEquals(Optional.of("must not be your email address"),
                policy.reason("my ada.lovelace@example.com", EMAIL, NAME));
        assertEquals(Optional.of("must not be your name"), policy.reason("ada lovelace byron", EMAIL, NAME));
    }

    @ParameterizedTest
    @ValueSource(strings = { "correct horse battery", "lamplighter-on-the-moor", "Zürich im Nebel 7",
            "ありがとうございました東京", "q7#Lm2!vX9pR" })
    void uncommonPasswordsOfAnyScriptPass(String password) {
        assertEquals(Optional.empty(), policy.reason(password, EMAIL, NAME), password);
    }

    @Test
    void passwordsAreComparedInNfkcSoTheSameTypedPasswordMatches() {
        String composed = PasswordPolicy.normalise("caf\u00e9 au lait noir");
        String decomposed = PasswordPolicy.normalise("cafe\u0301 au lait noir");
        String fullWidth = PasswordPolicy.normalise("\uff43\uff41\uff46\u00e9 au lait noir");
        assertEquals(composed, decomposed);
        assertEquals("caf\u00e9 au lait noir", fullWidth);
    }
}
