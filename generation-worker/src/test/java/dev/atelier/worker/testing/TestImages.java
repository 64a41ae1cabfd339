package dev.atelier.worker.testing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

import dev.atelier.worker.domain.ImageSize;
import dev.atelier.worker.domain.RenderSpec;
import dev.atelier.worker.domain.Style;
import dev.atelier.worker.provider.ProceduralRenderer;

/** Images for tests, encoded the ways providers return them. */
public final class TestImages {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private static final int IHDR_WIDTH_OFFSET = 16;
    private static final int IHDR_CHUNK_TYPE_OFFSET = 12;
    private static final int IHDR_CRC_OFFSET = 29;

    private TestImages() {
    }

    /** A varied picture (the local renderer's), so that moderation's blank rule never trips on it. */
    public static BufferedImage picture(int width, int height) {
        return new ProceduralRenderer().render(new RenderSpec("test picture", Style.VIBRANT, Optional.empty(), 7, 0,
                new ImageSize(width, height)));
    }

    public static BufferedImage flat(int width, int height, Color color) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }

    public static byte[] png(BufferedImage image) {
        return encode(image, "png");
    }

    public static byte[] jpeg(BufferedImage image) {
        return encode(image, "jpeg");
    }

    public static byte[] gif(BufferedImage image) {
        return encode(image, "gif");
    }

    /** A WebP from src/test/resources/images (made with cwebp: the JDK cannot write WebP). */
    public static byte[] webp(String name) {
        try (InputStream in = TestImages.class.getResourceAsStream("/images/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no test image " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A valid small PNG whose header claims {@code width x height}: decoding its pixels would need gigabytes, so
     * only a reader that checks the header first survives it.
     */
    public static byte[] pngDeclaring(int width, int height) {
        byte[] png = png(flat(1, 1, Color.GRAY));
        ByteBuffer.wrap(png, IHDR_WIDTH_OFFSET, 8).putInt(width).putInt(height);
        CRC32 crc = new CRC32();
        crc.update(png, IHDR_CHUNK_TYPE_OFFSET, IHDR_CRC_OFFSET - IHDR_CHUNK_TYPE_OFFSET);
        ByteBuffer.wrap(png, IHDR_CRC_OFFSET, 4).putInt((int) crc.getValue());
        return png;
    }

    public static BufferedImage read(byte[] encoded) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(encoded));
            if (image == null) {
                throw new IllegalStateException("not a readable image");
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no " + format + " writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
