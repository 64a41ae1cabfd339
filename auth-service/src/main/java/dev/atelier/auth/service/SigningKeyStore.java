package dev.atelier.auth.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.atelier.auth.domain.SigningKey;
import io.quarkus.logging.Log;

/**
 * Reads and writes RSA signing keys as unencrypted PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}, what
 * {@code openssl genpkey -algorithm RSA} writes), and generates them.
 */
public final class SigningKeyStore {
    public static final String SIGNING_KEY_FILE = "signing-key.pem";
    private static final Pattern PKCS8_PEM = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
    private static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");

    private final int keySize;

    /** @param keySize bits of generated keys, and the minimum accepted for loaded ones */
    public SigningKeyStore(int keySize) {
        if (keySize < 2048) {
            throw new IllegalArgumentException("RSA signing keys need at least 2048 bits, not " + keySize);
        }
        this.keySize = keySize;
    }

    /** The key in {@code dir/signing-key.pem}; generated and written there (mode 0600) when the file is absent. */
    public SigningKey loadOrCreate(Path dir) {
        Path file = dir.resolve(SIGNING_KEY_FILE);
        if (Files.exists(file)) {
            return load(file);
        }
        SigningKey generated = generate();
        try {
            createDirectories(dir);
            if (write(generated, file)) {
                Log.infof("Generated signing key %s (RSA %d) in %s", generated.kid(), generated.bits(), file);
                return generated;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the signing key to " + file, e);
        }
        // Another process created it meanwhile: use theirs, so both sign with the same key.
        return load(file);
    }

    /**
     * The other keys of the directory: every {@code *.pem} besides {@code signing-key.pem}, in file-name order.
     * They are published and accept tokens, but sign nothing: the next key of a rotation (published before it
     * signs) and the previous one (kept until its last tokens expire).
     */
    public List<SigningKey> loadOthers(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".pem"))
                    .filter(file -> !file.getFileName().toString().equals(SIGNING_KEY_FILE))
                    .sorted()
                    .map(this::load)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the signing keys in " + dir, e);
        }
    }

    public SigningKey load(Path file) {
        String pem;
        try {
            pem = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the signing key " + file, e);
        }
        warnIfReadableByOthers(file);
        SigningKey key = parse(pem, file.toString());
        Log.infof("Loaded signing key %s (RSA %d) from %s", key.kid(), key.bits(), file);
        return key;
    }

    public SigningKey generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(keySize);
            KeyPair pair = generator.generateKeyPair();
            return SigningKey.of((RSAPrivateKey) pair.getPrivate(), (RSAPublicKey) pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot generate an RSA key", e);
        }
    }

    public static String toPem(SigningKey key) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.privateKey().getEncoded());
        return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
    }

    SigningKey parse(String pem, String source) {
        Matcher matcher = PKCS8_PEM.matcher(pem);
        if (!matcher.find()) {
            throw new IllegalStateException(source + " is not an unencrypted PKCS#8 PEM private key"
                    + " (-----BEGIN PRIVATE KEY-----); convert with: openssl pkcs8 -topk8 -nocrypt");
        }
        byte[] der = Base64.getMimeDecoder().decode(matcher.group(1));
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            if (!(rsa.generatePrivate(new PKCS8EncodedKeySpec(der)) instanceof RSAPrivateCrtKey privateKey)) {
                throw new IllegalStateException(source + " holds an RSA key without its CRT parameters");
            }
            RSAPublicKey publicKey = (RSAPublicKey) rsa.generatePublic(
                    new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
            SigningKey key = SigningKey.of(privateKey, publicKey);
            if (key.bits() < keySize) {
                throw new IllegalStateException(source + " is an RSA key of " + key.bits() + " bits; at least "
                        + keySize + " are required");
            }
            return key;
        } catch (InvalidKeySpecException e) {
            throw new IllegalStateException(source + " is not an RSA private key", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read the RSA key " + source, e);
        }
    }

    /**
     * Writes a private temp file, then links it into place: the link is atomic and fails if the file exists, so
     * a crash never leaves half a key and two processes starting together end up with one key.
     *
     * @return false when another process created the file first
     */
    private static boolean write(SigningKey key, Path file) throws IOException {
        Path temp = file.resolveSibling(SIGNING_KEY_FILE + ".tmp-" + ProcessHandle.current().pid());
        Files.deleteIfExists(temp);
        Files.createFile(temp, ownerOnly(temp, OWNER_READ_WRITE));
        try {
            Files.writeString(temp, toPem(key), StandardCharsets.US_ASCII);
            try {
                Files.createLink(file, temp);
                return true;
            } catch (FileAlreadyExistsException e) {
                return false;
            } catch (UnsupportedOperationException | IOException noHardLinks) {
                if (Files.exists(file)) {
                    return false;
                }
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
                return true;
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void createDirectories(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, ownerOnly(dir, OWNER_ONLY_DIR));
        }
    }

    private static FileAttribute<?>[] ownerOnly(Path path, Set<PosixFilePermission> permissions) {
        return supportsPosix(path) ? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(permissions) }
                : new FileAttribute<?>[0];
    }

    private static boolean supportsPosix(Path path) {
        return path.toAbsolutePath().getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static void warnIfReadableByOthers(Path file) {
        if (!supportsPosix(file)) {
            return;
        }
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (!OWNER_READ_WRITE.containsAll(permissions)) {
                Log.warnf("Signing key %s is accessible to others (%s); it should be mode 0600", file,
                        PosixFilePermissions.toString(permissions));
            }
        } catch (IOException e) {
            Log.debugf(e, "Cannot read the permissions of %s", file);
        }
    }
}
