package dev.atelier.gallery.service;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import jakarta.enterprise.context.ApplicationScoped;

import com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi;

import dev.atelier.gallery.config.UploadConfig;
import dev.atelier.gallery.domain.ExifOrientation;
import dev.atelier.gallery.domain.ImageType;
import dev.atelier.problem.Problem;
import dev.atelier.problem.ProblemException;
import io.quarkus.logging.Log;

/**
 * Turns an uploaded file into the bytes the gallery stores: checks what it is by its magic bytes, refuses an image
 * with too many pixels from its header before decoding anything (decompression bombs), decodes it, and encodes it
 * anew with its derivatives. Re-encoding keeps only pixels: EXIF (location, camera), text chunks, ICC profiles and
 * anything appended to the file (a polyglot's second payload) are gone.
 * <p>
 * Formats stored: PNG stays PNG; JPEG stays JPEG (upright: its EXIF orientation is applied); WebP becomes PNG when
 * it is lossless or has transparency, otherwise JPEG (there is no WebP encoder in the JDK, and a lossy photo as PNG
 * would be several times larger). Derivatives take the original's format.
 * <p>
 * Blocking and CPU-bound: call it from a worker thread, never the event loop.
 */
@ApplicationScoped
public class ImageProcessor {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** How a stored image is encoded. */
    public enum Encoding {
        PNG("png", "png", "image/png"),
        JPEG("jpeg", "jpg", "image/jpeg");

        private final String format;
        private final String extension;
        private final String contentType;

        Encoding(String format, String extension, String contentType) {
            this.format = format;
            this.extension = extension;
            this.contentType = contentType;
        }

        /** As stored in {@code images.format}. */
        public String format() {
            return format;
        }

        /** Of the object keys. */
        public String extension() {
            return extension;
        }

        public String contentType() {
            return contentType;
        }
    }

    /** What to store: the re-encoded original, its derivatives ({@code medium} may be absent) and its hash. */
    public record Processed(ImageType source, Encoding encoding, int width, int height, byte[] original, byte[] medium,
            byte[] thumb, String contentHash) {

        /** Bytes of every stored variant together. */
        public long totalBytes() {
            return original.length + (medium == null ? 0 : medium.length) + thumb.length;
        }
    }

    private static final String FILE = "file";
    private static final String ACCEPTED = "must be a PNG, JPEG or WebP image";
    private static final String UNDECODABLE = "is truncated or corrupt: it cannot be decoded as ";

    private final UploadConfig config;
    private final Semaphore decodes;

    public ImageProcessor(UploadConfig config) {
        this.config = config;
        this.decodes = new Semaphore(config.maxConcurrentDecodes(), true);
    }

    /** The type of a file from its first bytes; 415 when it is none of the accepted ones. */
    private static ImageType sniff(byte[] head) {
        return ImageType.sniff(head).orElseThrow(ImageProcessor::unsupported);
    }

    /**
     * Checks, decodes and re-encodes {@code file}.
     *
     * @throws ProblemException 400 (empty, truncated, corrupt), 413 (too many bytes or pixels), 415 (not PNG, JPEG
     *         or WebP) or 503 (too many uploads being decoded)
     */
    public Processed process(byte[] file) {
        if (file.length == 0) {
            throw ProblemException.invalidField(FILE, "is empty");
        }
        if (file.length > config.maxBytes().asLongValue()) {
            throw tooLarge(config.maxBytes().asLongValue());
        }
        ImageType type = sniff(Arrays.copyOf(file, Math.min(file.length, ImageType.MAGIC_LENGTH)));
        // Decoded pixels and their encodings are the memory an upload takes: a bounded number at a time.
        return withSlot(() -> transcode(file, type));
    }

    private Processed transcode(byte[] file, ImageType type) {
        BufferedImage decoded = decode(file, type);
        if (type == ImageType.JPEG) {
            decoded = ExifOrientation.apply(decoded, ExifOrientation.of(file));
        }
        Encoding encoding = switch (type) {
            case PNG -> Encoding.PNG;
            case JPEG -> Encoding.JPEG;
            case WEBP -> decoded.getColorModel().hasAlpha() || ImageType.isLosslessWebp(file)
                    ? Encoding.PNG
                    : Encoding.JPEG;
        };
        BufferedImage original = encoding == Encoding.JPEG ? opaque(decoded) : decoded;
        byte[] originalBytes = encode(original, encoding);
        BufferedImage medium = null;
        if (Math.max(original.getWidth(), original.getHeight()) > config.mediumSide()) {
            medium = scale(original, config.mediumSide());
        }
        BufferedImage thumb = scale(medium != null ? medium : original, config.thumbSide());
        return new Processed(type, encoding, original.getWidth(), original.getHeight(), originalBytes,
                medium == null ? null : encode(medium, encoding), encode(thumb, encoding), sha256Hex(originalBytes));
    }

    private <T> T withSlot(Supplier<T> work) {
        boolean acquired;
        try {
            acquired = decodes.tryAcquire(config.decodeWait().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            throw new ProblemException(503, "busy", "Service unavailable",
                    "Too many uploads are being processed; try again shortly");
        }
        try {
            return work.get();
        } finally {
            decodes.release();
        }
    }

    private BufferedImage decode(byte[] file, ImageType type) {
        ImageReader reader = reader(type);
        List<String> warnings = new ArrayList<>();
        // The JDK's JPEG reader only warns about a truncated file and fills the rest in grey: treat it as corrupt.
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        try (ImageInputStream input = new MemoryCacheImageInputStream(new ByteArrayInputStream(file))) {
            // Metadata ignored: compressed text chunks are a decompression bomb of their own, and it is dropped anyway.
            reader.setInput(input, true, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if (width <= 0 || height <= 0) {
                throw undecodable(type);
            }
            if ((long) width * height > config.maxPixels()) {
                String message = "is " + width + " x " + height + " pixels; at most " + config.maxPixels()
                        + " pixels are accepted";
                throw new ProblemException(413, "too-many-pixels", "Image too large", FILE + ": " + message,
                        List.of(new Problem.FieldError(FILE, message)));
            }
            BufferedImage image = reader.read(0);
            if (!warnings.isEmpty()) {
                Log.debugf("undecodable %s upload: %s", type, warnings);
                throw undecodable(type);
            }
            return image;
        } catch (ProblemException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // Hostile input makes decoders throw anything from IIOException to IndexOutOfBounds: all mean "corrupt".
            Log.debugf("undecodable %s upload: %s", type, e.toString());
            throw undecodable(type);
        } finally {
            reader.dispose();
        }
    }

    /** The reader for a sniffed type, chosen by us: a reader never gets to guess the format on its own. */
    private static ImageReader reader(ImageType type) {
        if (type == ImageType.WEBP) {
            // Created directly: does not depend on which class loader first scanned the ImageIO registry.
            return new WebPImageReaderSpi().createReaderInstance(null);
        }
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(type.wireName());
        if (!readers.hasNext()) {
            throw new IllegalStateException("no " + type + " reader available");
        }
        return readers.next();
    }

    /**
     * {@code image} with its longest side {@code longestSide}, aspect ratio kept; an image already that small is
     * returned as is. Halves step by step first, which keeps bilinear downscaling free of aliasing.
     */
    static BufferedImage scale(BufferedImage image, int longestSide) {
        int longest = Math.max(image.getWidth(), image.getHeight());
        if (longest <= longestSide) {
            return image;
        }
        double ratio = longestSide / (double) longest;
        int targetWidth = Math.max(1, (int) Math.round(image.getWidth() * ratio));
        int targetHeight = Math.max(1, (int) Math.round(image.getHeight() * ratio));
        BufferedImage current = image;
        while (current.getWidth() / 2 >= targetWidth && current.getHeight() / 2 >= targetHeight) {
            current = resize(current, current.getWidth() / 2, current.getHeight() / 2);
        }
        return current.getWidth() == targetWidth && current.getHeight() == targetHeight
                ? current
                : resize(current, targetWidth, targetHeight);
    }

    private static BufferedImage resize(BufferedImage source, int width, int height) {
        int type = source.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
        BufferedImage target = new BufferedImage(width, height, type);
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

    /** JPEG has no alpha and the JDK's writer wants plain RGB or grey samples. */
    private static BufferedImage opaque(BufferedImage image) {
        int type = image.getType();
        if (type == BufferedImage.TYPE_INT_RGB || type == BufferedImage.TYPE_3BYTE_BGR
                || type == BufferedImage.TYPE_BYTE_GRAY) {
            return image;
        }
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }

    private byte[] encode(BufferedImage image, Encoding encoding) {
        return encoding == Encoding.JPEG ? jpeg(image) : png(image);
    }

    private static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) {
                // An unusual decoded layout the PNG writer does not take: fall back to 8-bit ARGB.
                BufferedImage argb = new BufferedImage(image.getWidth(), image.getHeight(),
                        BufferedImage.TYPE_INT_ARGB);
                Graphics2D g = argb.createGraphics();
                g.drawImage(image, 0, 0, null);
                g.dispose();
                out.reset();
                if (!ImageIO.write(argb, "png", out)) {
                    throw new IllegalStateException("no PNG writer available");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("PNG encoding failed", e);
        }
        return out.toByteArray();
    }

    private byte[] jpeg(BufferedImage image) {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
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
            // No metadata given: the writer emits a bare JFIF header, nothing of the upload's own segments.
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("JPEG encoding failed", e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    static ProblemException unsupported() {
        return new ProblemException(415, "unsupported-media-type", "Unsupported media type", FILE + ": " + ACCEPTED,
                List.of(new Problem.FieldError(FILE, ACCEPTED)));
    }

    public static ProblemException tooLarge(long maxBytes) {
        String message = "is larger than the " + maxBytes + " bytes accepted";
        return new ProblemException(413, "too-large", "Content too large", FILE + ": " + message,
                List.of(new Problem.FieldError(FILE, message)));
    }

    private static ProblemException undecodable(ImageType type) {
        return ProblemException.invalidField(FILE, UNDECODABLE + type);
    }
}
