package dev.atelier.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AccessTokenTypeTest {

    @ParameterizedTest
    @ValueSource(strings = { "{\"alg\":\"RS256\",\"typ\":\"at+jwt\",\"kid\":\"k\"}",
            "{\"typ\" : \"AT+JWT\"}", "{\"typ\":\"application/at+jwt\"}" })
    void anAccessTokenTypeIsRecognised(String header) {
        assertTrue(AccessTokenType.isAccessToken(token(header)));
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"alg\":\"RS256\",\"typ\":\"JWT\"}", "{\"alg\":\"RS256\"}",
            "{\"typ\":\"at+jwt\",\"typ\":\"JWT\"}", "{\"typ\":\"id+jwt\"}", "not json" })
    void anyOtherTypeIsNot(String header) {
        assertFalse(AccessTokenType.isAccessToken(token(header)));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", ".", "garbage", "%%%.e30.sig" })
    void malformedTokensAreNotAccessTokens(String token) {
        assertFalse(AccessTokenType.isAccessToken(token));
    }

    private static String token(String header) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + ".e30.c2ln";
    }
}
