package dev.atelier.auth.rest;

import static io.restassured.RestAssured.given;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads, checks and forges compact JWS tokens with nothing but the JDK, independent of the code under test. */
final class Jwts {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private Jwts() {
    }

    static Map<String, Object> header(String jwt) {
        return part(jwt, 0);
    }

    static Map<String, Object> claims(String jwt) {
        return part(jwt, 1);
    }

    /** The keys the service publishes, as fetched by any other service. */
    static List<Map<String, String>> publishedKeys() {
        return given().when().get("/.well-known/jwks.json").then().statusCode(200).extract().jsonPath()
                .getList("keys");
    }

    static PublicKey rsaKey(Map<String, String> jwk) throws GeneralSecurityException {
        Base64.Decoder decoder = Base64.getUrlDecoder();
        return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                new BigInteger(1, decoder.decode(jwk.get("n"))), new BigInteger(1, decoder.decode(jwk.get("e")))));
    }

    static boolean signatureVerifies(String jwt, PublicKey key) throws GeneralSecurityException {
        int lastDot = jwt.lastIndexOf('.');
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(key);
        rs256.update(jwt.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII));
        return rs256.verify(Base64.getUrlDecoder().decode(jwt.substring(lastDot + 1)));
    }

    /** A token with the given header and claims signed by {@code key}. */
    static String sign(Map<String, Object> header, Map<String, Object> claims, PrivateKey key) throws Exception {
        String input = ENCODER.encodeToString(JSON.writeValueAsBytes(header)) + "."
                + ENCODER.encodeToString(JSON.writeValueAsBytes(claims));
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initSign(key);
        rs256.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + ENCODER.encodeToString(rs256.sign());
    }

    private static Map<String, Object> part(String jwt, int index) {
        try {
            return JSON.readValue(Base64.getUrlDecoder().decode(jwt.split("\\.")[index]), new TypeReference<>() {
            });
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("Not a JWT: " + jwt, e);
        }
    }
}
