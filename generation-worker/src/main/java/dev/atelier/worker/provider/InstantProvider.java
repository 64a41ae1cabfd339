package dev.atelier.worker.provider;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.imageio.ImageIO;

import jakarta.enterprise.context.ApplicationScoped;

import dev.atelier.worker.config.ProvidersConfig;
import dev.atelier.worker.domain.GenerationException;
import dev.atelier.worker.domain.ImageSize;
import dev.atelier.worker.domain.RenderSpec;

/**
 * {@code instant}: a test provider for benchmarks and tests. Answers a tiny PNG ({@value #LONG_SIDE} px on its long
 * side, the requested aspect ratio; encoded once per size, then served from memory) after
 * {@code atelier.worker.providers.instant.delay}, so the pipeline's own overhead can be measured without a renderer.
 * The picture is a gradient, not a flat colour, which the local image moderation would take for a safety checker's
 * blank. Disabled unless {@code atelier.worker.providers.instant.enabled=true}.
 */
@ApplicationScoped
public class InstantProvider implements ImageProvider {
    public static final String NAME = "instant";
    static final int LONG_SIDE = 64;
    private static final Color FROM = new Color(0x2a, 0x4d, 0x7a);
    private static final Color TO = new Color(0xe8, 0xb0, 0x5c);

    private final ProvidersConfig.InstantConfig config;
    private final Map<ImageSize, byte[]> images = new ConcurrentHashMap<>();

    public InstantProvider(ProvidersConfig config) {
        this.config = config.instant();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String model() {
        return config.model();
    }

    @Override
    public boolean enabled() {
        return config.enabled();
    }

    @Override
    public byte[] render(RenderSpec spec) {
        Duration delay = config.delay();
        if (!delay.isZero() && !delay.isNegative()) {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProviderFailureException(GenerationException.TIMEOUT, NAME + " was interrupted", true, e);
            }
        }
        return images.computeIfAbsent(spec.size(), InstantProvider::tinyPng).clone();
    }

    private static byte[] tinyPng(ImageSize size) {
        double scale = (double) LONG_SIDE / Math.max(size.width(), size.height());
        int width = Math.max(1, (int) Math.round(size.width() * scale));
        int height = Math.max(1, (int) Math.round(size.height() * scale));
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        try {
            graphics.setPaint(new GradientPaint(0, 0, FROM, width, height, TO));
            graphics.fillRect(0, 0, width, height);
        } finally {
            graphics.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
