package dev.atelier.auth.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.atelier.auth.domain.SigningKey;

class SigningKeyStoreTest {
    private final SigningKeyStore store = new SigningKeyStore(2048);

    @TempDir
    Path dir;

    @Test
    void twoLoadsFromTheSameDirectoryYieldTheSameKey() {
        SigningKey first = store.loadOrCreate(dir);
        SigningKey second = new SigningKeyStore(2048).loadOrCreate(dir);

        assertEquals(first.kid(), second.kid());
        assertEquals(first.publicKey().getModulus(), second.publicKey().getModulus());
        assertEquals(first.privateKey().getPrivateExponent(), second.privateKey().getPrivateExponent());
    }

    @Test
    void aFirstStartWritesAPkcs8KeyReadableOnlyByItsOwner() throws Exception {
        Path keyDir = dir.resolve("not-yet-there");

        SigningKey key = store.loadOrCreate(keyDir);

        Path file = keyDir.resolve(SigningKeyStore.SIGNING_KEY_FILE);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String pem = Files.readString(file);
        assertTrue(pem.startsWith("-----BEGIN PRIVATE KEY-----\n"), pem);
        assertEquals(2048, key.bits());
        try (var listing = Files.list(keyDir)) {
            assertEquals(1, listing.count(), "no temp file is left behind");
        }
    }

    @Test
    void withoutADirectoryEveryKeyIsNew() {
        assertNotEquals(store.generate().kid(), store.generate().kid());
    }

    @Test
    void aPkcs1KeyIsRejectedWithAHowToConvertHint() throws Exception {
        Files.writeString(dir.resolve(SigningKeyStore.SIGNING_KEY_FILE),
                "-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu\n"
                        + "-----END RSA PRIVATE KEY-----\n");

        IllegalStateException error = assertThrows(IllegalStateException.class, () -> store.loadOrCreate(dir));

        assertTrue(error.getMessage().contains("openssl pkcs8 -topk8"), error.getMessage());
    }

    @Test
    void aKeyShorterThan2048BitsIsRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        byte[] pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();
        Files.writeString(dir.resolve(SigningKeyStore.SIGNING_KEY_FILE), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(pkcs8) + "\n-----END PRIVATE KEY-----\n",
                StandardCharsets.US_ASCII);

        IllegalStateException error = assertThrows(IllegalStateException.class, () -> store.loadOrCreate(dir));

        assertTrue(error.getMessage().contains("1024 bits"), error.getMessage());
    }

    @Test
    void kidIsTheRfc7638Thumbprint() throws Exception {
        // The example key of RFC 7638 §3.1 and the thumbprint the RFC gives for it.
        String n = "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRX"
                + "jBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAt"
                + "aSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPk"
                + "sINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";
        RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                new BigInteger(1, Base64.getUrlDecoder().decode(n)), BigInteger.valueOf(65537)));

        assertEquals("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs", SigningKey.thumbprint(key));
    }
}
