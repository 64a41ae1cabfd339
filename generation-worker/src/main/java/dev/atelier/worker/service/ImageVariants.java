package dev.atelier.worker.service;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import jakarta.enterprise.context.ApplicationScoped;

import dev.atelier.worker.config.WorkerConfig;
import dev.atelier.worker.domain.ImageFormat;
import dev.atelier.worker.service.ImageDecoder.DecodedImage;
import net.coobird.thumbnailator.Thumbnails;

/**
 * The stored variants of one image: the {@code original} exactly as the provider produced it (its own format), a
 * {@code medium} (longest side {@code image.medium-side}, only for larger images) and a {@code thumb} (longest side
 * {@code image.thumb-side}), both JPEG at {@code image.jpeg-quality}. Transparency is flattened onto white first,
 * JPEG having none. Derivatives are never upscaled. CPU-bound: call from a worker thread.
 */
@ApplicationScoped
public class ImageVariants {
    /** JPEG derivatives. */
    public static final ImageFormat DERIVATIVE_FORMAT = ImageFormat.JPEG;

    /** Everything stored for one image. {@code medium} is null when the original is not larger than it. */
    public record Variants(ImageFormat originalFormat, byte[] original, byte[] medium, byte[] thumb, int width,
            int height, String contentHash, BufferedImage thumbPixels) {
    }

    private final WorkerConfig.Image config;

    public ImageVariants(WorkerConfig config) {
        this.config = config.image();
    }

    public Variants of(DecodedImage image) {
        BufferedImage opaque = onWhite(image.pixels());
        BufferedImage medium = longestSide(opaque) > config.mediumSide() ? scale(opaque, config.mediumSide()) : null;
        // From the medium when there is one: the same result with less work.
        BufferedImage thumbSource = medium != null ? medium : opaque;
        BufferedImage thumb = longestSide(thumbSource) > config.thumbSide()
                ? scale(thumbSource, config.thumbSide())
                : thumbSource;
        return new Variants(image.format(), image.encoded(), medium == null ? null : jpeg(medium), jpeg(thumb),
                image.width(), image.height(), PngImages.sha256Hex(image.encoded()), thumb);
    }

    private static int longestSide(BufferedImage image) {
        return Math.max(image.getWidth(), image.getHeight());
    }

    /** {@code image} with its longest side {@code side}, aspect ratio kept. */
    static BufferedImage scale(BufferedImage image, int side) {
        try {
            return Thumbnails.of(image).size(side, side).keepAspectRatio(true).asBufferedImage();
        } catch (IOException e) {
            throw new UncheckedIOException("scaling failed", e);
        }
    }

    /** Plain RGB, transparent parts over white: what JPEG and the moderation rules take. */
    static BufferedImage onWhite(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB) {
            return image;
        }
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }

    private byte[] jpeg(BufferedImage image) {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName(DERIVATIVE_FORMAT.format());
        if (!writers.hasNext()) {
            throw new IllegalStateException("no JPEG writer available");
        }
        ImageWriter writer = writers.next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(config.jpegQuality());
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("JPEG encoding failed", e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
