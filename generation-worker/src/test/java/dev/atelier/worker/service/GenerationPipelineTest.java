package dev.atelier.worker.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

import dev.atelier.events.GeneratedImage;
import dev.atelier.events.GenerationCompleted;
import dev.atelier.events.GenerationFailed;
import dev.atelier.events.GenerationRequested;
import dev.atelier.events.StorageKeys;
import dev.atelier.events.Topics;
import dev.atelier.worker.domain.GenerationException;
import dev.atelier.worker.domain.RenderSpec;
import dev.atelier.worker.testing.ScriptedProvider;
import dev.atelier.worker.testing.TestImages;
import dev.atelier.worker.testing.WorkerTest;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * What the worker does with what a provider returns: decode and check it, keep the original as produced, derive JPEG
 * variants, moderate, retry what may pass, and report what really happened.
 */
@QuarkusTest
class GenerationPipelineTest extends WorkerTest {
    @Inject
    ScriptedProvider provider;

    private static String prompt() {
        return "scripted " + UUID.randomUUID();
    }

    private GenerationCompleted completed(GenerationRequested request) {
        return read(awaitEvents(Topics.GENERATION_COMPLETED, request.jobId(), 1).get(0), GenerationCompleted.class);
    }

    private GenerationFailed failed(GenerationRequested request) {
        return read(awaitEvents(Topics.GENERATION_FAILED, request.jobId(), 1).get(0), GenerationFailed.class);
    }

    @Test
    void aJpegFromTheProviderIsKeptAsJpegAndItsActualSizeReported() {
        String prompt = prompt();
        byte[] jpeg = TestImages.jpeg(TestImages.picture(1216, 832));
        provider.script(prompt, ScriptedProvider.answer(jpeg));
        GenerationRequested request = request(ScriptedProvider.NAME, prompt, "1024x1024", 1);

        send(request);

        GenerationCompleted completed = completed(request);
        GeneratedImage image = completed.images().get(0);
        assertEquals("jpeg", image.format());
        assertEquals(1216, image.width(), "the provider's size, not the requested one");
        assertEquals(832, image.height());
        assertEquals(jpeg.length, image.bytes());
        assertEquals(PngImages.sha256Hex(jpeg), image.contentHash());
        assertEquals(StorageKeys.image(request.userId(), image.imageId(), StorageKeys.ORIGINAL, "jpg"),
                image.keys().get(StorageKeys.ORIGINAL));
        ResponseBytes<GetObjectResponse> original = object(image.keys().get(StorageKeys.ORIGINAL));
        assertEquals("image/jpeg", original.response().contentType());
        assertArrayEquals(jpeg, original.asByteArray(), "exactly as the provider produced it");
        assertTrue(image.keys().get(StorageKeys.MEDIUM).endsWith("/medium.jpg"));
        assertTrue(image.keys().get(StorageKeys.THUMB).endsWith("/thumb.jpg"));
    }

    @Test
    void aWebpFromTheProviderIsKeptAsWebp() {
        String prompt = prompt();
        byte[] webp = TestImages.webp("lossy-96x64.webp");
        provider.script(prompt, ScriptedProvider.answer(webp));
        GenerationRequested request = request(ScriptedProvider.NAME, prompt, "512x512", 1);

        send(request);

        GeneratedImage image = completed(request).images().get(0);
        assertEquals("webp", image.format());
        assertEquals(96, image.width());
        assertEquals(64, image.height());
        ResponseBytes<GetObjectResponse> original = object(image.keys().get(StorageKeys.ORIGINAL));
        assertEquals("image/webp", original.response().contentType());
        assertArrayEquals(webp, original.asByteArray());
        assertTrue(original.response().contentLength() > 0);
        assertEquals("image/jpeg", object(image.keys().get(StorageKeys.THUMB)).response().contentType());
    }

    @Test
    void theCompletionNamesTheProviderAndModelThatRendered() {
        String prompt = prompt();
        GenerationRequested request = request(ScriptedProvider.NAME, prompt, "256x256", 1);

        send(request);

        GenerationCompleted completed = completed(request);
        assertEquals(ScriptedProvider.NAME, completed.provider());
        assertEquals(ScriptedProvider.MODEL, completed.model());
    }

    @Test
    void theEmotionsGenerationParametersReachTheProvider() {
        String prompt = prompt();
        GenerationRequested request = request(UUID.randomUUID(), UUID.randomUUID(), ScriptedProvider.NAME, prompt,
                "256x256", 1, 1, Map.of(GenerationRequested.PARAM_GUIDANCE, 7.5, GenerationRequested.PARAM_STEPS, 30));

        send(request);

        completed(request);
        RenderSpec spec = provider.lastSpec(prompt);
        assertEquals(7.5, spec.guidance());
        assertEquals(30, spec.steps());
    }

    @Test
    void somethingThatIsNotAnImageFailsTheJobAsInvalidImageWithoutRetrying() {
        String prompt = prompt();
        provider.script(prompt, ScriptedProvider.answer("{\"error\": \"oops\"}".getBytes()));
        GenerationRequested request = request(ScriptedProvider.NAME, prompt, "256x256", 1);

        RecordMetadata sent = send(request);

        GenerationFailed failed = failed(request);
        assertEquals(GenerationException.INVALID_IMAGE, failed.code());
        assertFalse(failed.retryable());
        awaitProcessed(sent);
        assertEquals(1, provider.calls(prompt), "not retried");
        assertEquals(List.of(), eventsSoFar(Topics.GENERATION_COMPLETED, request.jobId()));
        assertEquals(List.of(), objectsOf(request.userId()));
    }

    @Test
    void aDecompressionBombFailsTheJobAsInvalidImage() {
        String prompt = prompt();
        provider.script(prompt, ScriptedProvider.answer(TestImages.pngDeclaring(65_000, 65_000)));
        GenerationRequested request = request(ScriptedProvider.NAME, prompt, "256x256", 1);

        send(request);

        assertEquals(GenerationException.INVALID_IMAGE, failed(request).code());
    }

    @Test
    void aBlankImageIsBlockedAndTheJobKeepsNoneOfItsImages() {
        String prompt = prompt();
        // The first image passes and is written; the second is what a safety checker answers: all black.
        provider.script(prompt, ScriptedProvider.rendered(),
                ScriptedProvider.answer(TestImages.png(TestImages.flat(512, 512, Color.BLACK))));
        GenerationRequested request = request(ScriptedProvider.NAME, prompt, "512x512", 2);

        RecordMetadata sent = send(request);

        GenerationFailed failed = failed(request);
        assertEquals(GenerationException.CONTENT_BLOCKED, failed.code());
        assertFalse(failed.retryable());
        assertTrue(failed.message().contains("blank"), failed.message());
        awaitProcessed(sent);
        assertEquals(List.of(), objectsOf(request.userId()), "not stored, and the first image removed");
        assertEquals(List.of(), eventsSoFar(Topics.GENERATION_COMPLETED, request.jobId()));
    }

    @Test
    void aRetryableProviderFailureIsRetriedInProcess() {
        String prompt = prompt();
        provider.script(prompt, ScriptedProvider.fail(GenerationException.RENDER_FAILED, true),
                ScriptedProvider.fail(GenerationException.RENDER_FAILED, true));
        GenerationRequested request = request(ScriptedProvider.NAME, prompt, "256x256", 1);

        send(request);

        assertEquals(1, completed(request).images().size());
        assertEquals(3, provider.calls(prompt), "two failures, then the image");
    }

    @Test
    void retriesAreBoundedAndTheJobThenFailsAsRetryable() {
        String prompt = prompt();
        provider.script(prompt, ScriptedProvider.fail(GenerationException.RENDER_FAILED, true),
                ScriptedProvider.fail(GenerationException.RENDER_FAILED, true),
                ScriptedProvider.fail(GenerationException.RENDER_FAILED, true),
                ScriptedProvider.rendered());
        GenerationRequested request = request(ScriptedProvider.NAME, prompt, "256x256", 1);

        RecordMetadata sent = send(request);

        GenerationFailed failed = failed(request);
        assertEquals(GenerationException.RENDER_FAILED, failed.code());
        assertTrue(failed.retryable(), "image-service may queue it again");
        awaitProcessed(sent);
        assertEquals(1 + config.retry().maxRetries(), provider.calls(prompt));
    }
}
