package dev.atelier.worker.moderation;

import java.awt.image.BufferedImage;

/**
 * What a moderator looks at: {@code pixels}, the image scaled to thumbnail size on white (cheap to scan), and
 * {@code encoded}, the image at most medium size (the medium JPEG, or the original when it is not larger) to send
 * to a remote moderation API.
 */
public record ModerationImage(BufferedImage pixels, byte[] encoded, String contentType) {
}
