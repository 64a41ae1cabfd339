package dev.atelier.worker.service;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

import jakarta.enterprise.context.ApplicationScoped;

import com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi;

import dev.atelier.worker.config.WorkerConfig;
import dev.atelier.worker.domain.GenerationException;
import dev.atelier.worker.domain.ImageFormat;

/**
 * Checks and decodes what a provider returned. The format comes from the magic bytes (PNG, JPEG or WebP; anything
 * else is refused); the dimensions come from the header and are checked against the pixel limit before a single
 * pixel is decoded, so a decompression bomb costs nothing. The size is not required to be the requested one:
 * providers pick their own (Stability by aspect ratio, test providers tiny ones), and the actual size is reported.
 * Every refusal is {@code invalid_image}, not retryable. CPU-bound: call from a worker thread.
 */
@ApplicationScoped
public class ImageDecoder {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** A provider's image, decoded: its bytes as returned and its pixels. */
    public record DecodedImage(ImageFormat format, byte[] encoded, BufferedImage pixels) {
        public int width() {
            return pixels.getWidth();
        }

        public int height() {
            return pixels.getHeight();
        }
    }

    private final WorkerConfig.Image limits;

    public ImageDecoder(WorkerConfig config) {
        this.limits = config.image();
    }

    /** @throws GenerationException {@code invalid_image} when the bytes are not an acceptable image */
    public DecodedImage decode(byte[] data) {
        if (data == null || data.length == 0) {
            throw invalid("the provider returned no image");
        }
        if (data.length > limits.maxBytes()) {
            throw invalid("the provider's image has " + data.length + " bytes; at most " + limits.maxBytes()
                    + " are accepted");
        }
        ImageFormat format = ImageFormat.sniff(data)
                .orElseThrow(() -> invalid("the provider's answer is not a PNG, JPEG or WebP image"));
        ImageReader reader = reader(format);
        List<String> warnings = new ArrayList<>();
        // The JDK's JPEG reader only warns about a truncated file and fills the rest in grey: treat it as corrupt.
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        try (ImageInputStream input = new MemoryCacheImageInputStream(new ByteArrayInputStream(data))) {
            // Metadata ignored: compressed text chunks are a decompression bomb of their own, and nothing uses it.
            reader.setInput(input, true, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            checkDimensions(format, width, height);
            BufferedImage pixels = reader.read(0);
            if (!warnings.isEmpty()) {
                throw invalid("the provider's " + format.format() + " is truncated or corrupt: " + warnings.get(0));
            }
            if (pixels == null || pixels.getWidth() != width || pixels.getHeight() != height) {
                throw invalid("the provider's " + format.format() + " does not decode to its declared size");
            }
            return new DecodedImage(format, data, pixels);
        } catch (GenerationException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // Hostile or broken input makes decoders throw anything from IIOException to IndexOutOfBounds.
            throw new GenerationException(GenerationException.INVALID_IMAGE,
                    "the provider's " + format.format() + " cannot be decoded", false, e);
        } finally {
            reader.dispose();
        }
    }

    private void checkDimensions(ImageFormat format, int width, int height) {
        if (width <= 0 || height <= 0) {
            throw invalid("the provider's " + format.format() + " declares a size of " + width + "x" + height);
        }
        if ((long) width * height > limits.maxPixels()) {
            throw invalid("the provider's " + format.format() + " declares " + width + "x" + height + " pixels; at most "
                    + limits.maxPixels() + " are accepted");
        }
        double ratio = Math.max(width, height) / (double) Math.min(width, height);
        if (ratio > limits.maxAspectRatio()) {
            throw invalid("the provider's " + format.format() + " is " + width + "x" + height
                    + ", stretched beyond the accepted aspect ratio of " + limits.maxAspectRatio() + ":1");
        }
    }

    /** The reader for a sniffed format, chosen by us: a reader never gets to guess the format on its own. */
    private static ImageReader reader(ImageFormat format) {
        if (format == ImageFormat.WEBP) {
            // Created directly: does not depend on which class loader first scanned the ImageIO registry.
            return new WebPImageReaderSpi().createReaderInstance(null);
        }
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.format());
        if (!readers.hasNext()) {
            throw new IllegalStateException("no " + format + " reader available");
        }
        return readers.next();
    }

    private static GenerationException invalid(String message) {
        return new GenerationException(GenerationException.INVALID_IMAGE, message, false, null);
    }
}
