package dev.atelier.worker.service;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import javax.imageio.ImageIO;

/** PNG encoding, thumbnails and content hashes. CPU-bound: call from a worker thread, never the event loop. */
public final class PngImages {
    public static final String FORMAT = "png";
    public static final String CONTENT_TYPE = "image/png";

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private PngImages() {
    }

    /** Decodes PNG, JPEG (or any format ImageIO reads); null when the bytes are no readable image. */
    public static BufferedImage decode(byte[] data) {
        try {
            return ImageIO.read(new java.io.ByteArrayInputStream(data));
        } catch (IOException e) {
            return null;
        }
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

    /**
     * Scales {@code image} so its longest side is {@code longestSide}, keeping the aspect ratio; an image already
     * that small is returned as is. Halves step by step first, which keeps bilinear downscaling free of aliasing.
     */
    public static BufferedImage thumbnail(BufferedImage image, int longestSide) {
        int longest = Math.max(image.getWidth(), image.getHeight());
        if (longest <= longestSide) {
            return image;
        }
        double ratio = longestSide / (double) longest;
        int targetWidth = Math.max(1, (int) Math.round(image.getWidth() * ratio));
        int targetHeight = Math.max(1, (int) Math.round(image.getHeight() * ratio));
        BufferedImage current = image;
        while (current.getWidth() / 2 >= targetWidth && current.getHeight() / 2 >= targetHeight) {
            current = scale(current, current.getWidth() / 2, current.getHeight() / 2);
        }
        return current.getWidth() == targetWidth && current.getHeight() == targetHeight
                ? current
                : scale(current, targetWidth, targetHeight);
    }

    private static BufferedImage scale(BufferedImage source, int width, int height) {
        BufferedImage target = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = target.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(source, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return target;
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
