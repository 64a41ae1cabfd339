package dev.atelier.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The explicit type of Atelier access tokens: header {@code typ: at+jwt} (RFC 9068 §2.1, as RFC 8725 §3.11
 * recommends), so that no other kind of JWT signed with the same key (an ID token, a future email-link token) can
 * be replayed as an access token. Media types compare case-insensitively and may carry the {@code application/}
 * prefix (RFC 7515 §4.1.9).
 */
public final class AccessTokenType {
    public static final String TYP = "at+jwt";
    private static final Pattern TYP_MEMBER = Pattern.compile("\"typ\"\\s*:\\s*\"([^\"]*)\"");

    private AccessTokenType() {
    }

    /** Whether the compact JWS {@code token} declares the access-token type in its protected header. */
    public static boolean isAccessToken(String token) {
        int dot = token == null ? -1 : token.indexOf('.');
        if (dot <= 0) {
            return false;
        }
        String header;
        try {
            header = new String(Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        Matcher typ = TYP_MEMBER.matcher(header);
        if (!typ.find()) {
            return false;
        }
        String value = typ.group(1).toLowerCase(Locale.ROOT);
        if (typ.find()) {
            // A header naming two types is ambiguous; JSON parsers disagree on which one wins.
            return false;
        }
        return value.equals(TYP) || value.equals("application/" + TYP);
    }
}
