package dev.atelier.worker.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.atelier.worker.domain.ImageSize;

class ImageShapesTest {

    @ParameterizedTest(name = "{0} is sent to Stability as {1}")
    @CsvSource({
            "512x512, 1:1",
            "768x768, 1:1",
            "1024x1024, 1:1",
            "1792x1024, 16:9",
            "1024x1792, 9:16",
            "2048x1024, 16:9",
            "1024x2048, 9:16",
            "1536x1024, 3:2",
            "1024x1280, 4:5",
            "2100x900, 21:9",
            "640x480, 5:4",
    })
    void stabilityGetsTheNearestAspectRatio(String size, String aspectRatio) {
        assertEquals(aspectRatio, ImageShapes.stabilityAspectRatio(ImageSize.parse(size).orElseThrow()));
    }

    @ParameterizedTest(name = "{1} asks {0} for {2}")
    @CsvSource({
            "gpt-image-1, 512x512, 1024x1024",
            "gpt-image-1, 1024x1024, 1024x1024",
            "gpt-image-1, 1792x1024, 1536x1024",
            "gpt-image-1, 1024x1792, 1024x1536",
            "dall-e-3, 512x512, 1024x1024",
            "dall-e-3, 1792x1024, 1792x1024",
            "dall-e-3, 1024x1792, 1024x1792",
            "dall-e-2, 512x512, 512x512",
            "dall-e-2, 768x768, 1024x1024",
            "dall-e-2, 1792x1024, 1024x1024",
    })
    void openAiGetsTheNearestSizeItsModelSupports(String model, String size, String sent) {
        assertEquals(sent, ImageShapes.openAiSize(model, ImageSize.parse(size).orElseThrow()).toString());
    }

    @ParameterizedTest
    @CsvSource({ "dall-e-3, true", "dall-e-2, true", "gpt-image-1, false", "gpt-image-1-mini, false" })
    void onlyDallEModelsAreAskedForBase64Explicitly(String model, boolean needsResponseFormat) {
        if (needsResponseFormat) {
            assertTrue(ImageShapes.openAiNeedsResponseFormat(model));
        } else {
            assertFalse(ImageShapes.openAiNeedsResponseFormat(model));
        }
    }
}
