package dev.atelier.worker.service;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import javax.imageio.ImageIO;

/** PNG encoding and content hashes. CPU-bound: call from a worker thread, never the event loop. */
public final class PngImages {
    public static final String FORMAT = "png";
    public static final String CONTENT_TYPE = "image/png";

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private PngImages() {
    }

    /** Deterministic: the same pixels always give the same bytes. */
    public static byte[] encode(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(image.getWidth() * image.getHeight());
        try {
            if (!ImageIO.write(image, FORMAT, out)) {
                throw new IllegalStateException("no PNG writer available");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("PNG encoding failed", e);
        }
        return out.toByteArray();
    }

    /** Lower-case hex SHA-256 of {@code bytes}. */
    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
