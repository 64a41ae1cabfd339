package dev.atelier.worker.moderation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.atelier.worker.domain.Emotion;
import dev.atelier.worker.domain.ImageSize;
import dev.atelier.worker.domain.RenderSpec;
import dev.atelier.worker.domain.Style;
import dev.atelier.worker.provider.ProceduralRenderer;
import dev.atelier.worker.service.ImageDecoder;
import dev.atelier.worker.service.ImageVariants;
import dev.atelier.worker.testing.TestConfigs;
import dev.atelier.worker.testing.TestImages;

class LocalImageModeratorTest {
    private final LocalImageModerator moderator = new LocalImageModerator(TestConfigs.worker());
    private final ImageDecoder decoder = new ImageDecoder(TestConfigs.worker());
    private final ImageVariants variants = new ImageVariants(TestConfigs.worker());

    /** What the pipeline hands the moderator: the thumbnail-sized pixels of the decoded image. */
    private ModerationVerdict moderate(byte[] encoded) {
        ImageVariants.Variants v = variants.of(decoder.decode(encoded));
        return moderator.moderate(new ModerationImage(v.thumbPixels(), v.original(), "image/png"));
    }

    @Test
    void anAllBlackImageIsBlocked() {
        ModerationVerdict verdict = moderate(TestImages.png(TestImages.flat(1024, 1024, Color.BLACK)));

        assertTrue(verdict.flagged());
        assertEquals(List.of(LocalImageModerator.BLANK), verdict.reasons());
    }

    @Test
    void aNearlyFlatImageWithFaintNoiseIsBlocked() {
        BufferedImage image = TestImages.flat(512, 512, new Color(20, 20, 24));
        for (int y = 0; y < 512; y += 3) {
            for (int x = (y * 7) % 5; x < 512; x += 5) {
                image.setRGB(x, y, new Color(26, 25, 30).getRGB());
            }
        }

        assertTrue(moderate(TestImages.png(image)).flagged());
    }

    @Test
    void aFullyTransparentImageIsBlankOnWhite() {
        BufferedImage transparent = new BufferedImage(300, 300, BufferedImage.TYPE_INT_ARGB);

        assertTrue(moderate(TestImages.png(transparent)).flagged());
    }

    @Test
    void aPlainGroundWithASmallShapeIsNotBlank() {
        BufferedImage image = TestImages.flat(1024, 1024, new Color(245, 240, 230));
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(200, 60, 40));
        // About 1.5 % of the area.
        g.fillOval(450, 450, 140, 140);
        g.dispose();

        assertFalse(moderate(TestImages.png(image)).flagged());
    }

    @Test
    void aPlainGroundWithTwoThinLinesIsNotBlank() {
        // Like the flattest local minimal render: about 0.5 % of the pixels are not the ground.
        BufferedImage image = TestImages.flat(1024, 1024, new Color(236, 244, 247));
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(100, 190, 210));
        g.fillRect(48, 808, 164, 8);
        g.setColor(new Color(155, 120, 150));
        g.fillRect(375, 896, 229, 12);
        g.dispose();

        assertFalse(moderate(TestImages.png(image)).flagged());
    }

    @Test
    void noLocalRenderIsBlank() {
        ProceduralRenderer renderer = new ProceduralRenderer();
        for (Style style : Style.values()) {
            for (int seed = 0; seed < 40; seed++) {
                Optional<Emotion> emotion = seed % 6 == 5 ? Optional.empty()
                        : Optional.of(Emotion.values()[seed % Emotion.values().length]);
                RenderSpec spec = new RenderSpec("a quiet empty room " + seed, style, emotion, seed, 0,
                        new ImageSize(256, 256));
                ImageVariants.Variants v = variants.of(decoder.decode(TestImages.png(renderer.render(spec))));
                double flat = moderator.flatFraction(v.thumbPixels());
                assertFalse(moderator.moderate(new ModerationImage(v.thumbPixels(), v.original(), "image/png"))
                        .flagged(), style + " seed " + seed + " is " + flat + " flat");
            }
        }
    }
}
