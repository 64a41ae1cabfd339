package dev.atelier.worker.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import dev.atelier.worker.domain.ImageSize;
import dev.atelier.worker.domain.RenderSpec;
import dev.atelier.worker.domain.Style;

class InstantProviderTest {
    private static final RenderSpec SPEC = new RenderSpec("anything", Style.MINIMAL, Optional.empty(), 1, 0,
            new ImageSize(768, 512));

    @Test
    void isDisabledUnlessSwitchedOn() {
        assertFalse(new InstantProvider(ShippedConfig.providers(Map.of())).enabled());
        assertTrue(new InstantProvider(ShippedConfig.providers(
                Map.of("atelier.worker.providers.instant.enabled", "true"))).enabled());
    }

    @Test
    void answersATinyPngOfTheRequestedAspectRatioThatIsNotABlank() throws IOException {
        InstantProvider instant = new InstantProvider(ShippedConfig.providers(Map.of()));

        BufferedImage image = ImageIO.read(new ByteArrayInputStream(instant.render(SPEC)));

        assertNotNull(image);
        assertEquals(64, image.getWidth());
        assertEquals(43, image.getHeight());
        assertNotEquals(image.getRGB(0, 0), image.getRGB(63, 42), "a gradient, not one flat colour");
        assertEquals("instant", instant.name());
        assertEquals("atelier-instant-1", instant.model());
    }

    @Test
    void waitsTheConfiguredDelayToSimulateAProvider() {
        InstantProvider instant = new InstantProvider(ShippedConfig.providers(
                Map.of("atelier.worker.providers.instant.delay", "200ms")));
        instant.render(SPEC); // the first call also encodes the PNG once

        long started = System.nanoTime();
        instant.render(SPEC);
        long tookMs = (System.nanoTime() - started) / 1_000_000;

        assertTrue(tookMs >= 200, "took " + tookMs + " ms");
    }
}
