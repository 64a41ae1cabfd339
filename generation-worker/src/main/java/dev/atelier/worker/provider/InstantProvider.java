package dev.atelier.worker.provider;

import java.awt.Color;
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
 * {@code instant}: a test provider for benchmarks and tests. Answers a flat grey PNG of the requested size (encoded
 * once per size, then served from memory) after {@code atelier.worker.providers.instant.delay}, so the pipeline's own
 * overhead can be measured without a renderer. Disabled unless {@code atelier.worker.providers.instant.enabled=true}.
 */
@ApplicationScoped
public class InstantProvider implements ImageProvider {
    public static final String NAME = "instant";
    private static final Color GREY = new Color(0x80, 0x80, 0x80);

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
        return images.computeIfAbsent(spec.size(), InstantProvider::flatPng).clone();
    }

    private static byte[] flatPng(ImageSize size) {
        BufferedImage image = new BufferedImage(size.width(), size.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        try {
            graphics.setColor(GREY);
            graphics.fillRect(0, 0, size.width(), size.height());
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
