package dev.atelier.bench.generation;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import dev.atelier.bench.BenchContext;

/**
 * The work the bench users' jobs still cause: jobs not yet finished in image-service, outbox rows not yet published
 * (the relay publishes in id order, so a new job's request waits behind every older row), and images of finished
 * jobs that gallery-service has not stored yet. A measurement starts when all are zero, so it does not pay for the
 * previous one's backlog (500 submits/s leave the relay, the worker and the gallery behind for minutes).
 */
final class Backlog {
    static final Duration POLL = Duration.ofMillis(200);
    /** Jobs a user is still waiting for; any status the service may add besides the three outcomes counts. */
    static final String JOBS = "select count(*) filter (where status not in ('succeeded', 'failed', 'canceled')), "
            + "coalesce(sum(cardinality(image_ids)) filter (where status = 'succeeded'), 0) "
            + "from generation_jobs where user_id = any(?)";
    static final String IMAGES = "select count(*) from images where user_id = any(?)";
    static final String OUTBOX = "select count(*) from outbox where published_at is null";

    /** What was left when the wait ended. */
    record Drain(double seconds, long unfinishedJobs, long unpublishedOutboxRows, long imagesNotInGallery) {
        boolean idle() {
            return unfinishedJobs == 0 && unpublishedOutboxRows == 0 && imagesNotInGallery <= 0;
        }

        String describe() {
            return idle() ? String.format(Locale.ROOT, "%.1f s", seconds)
                    : String.format(Locale.ROOT, "not idle after %.0f s: %d jobs unfinished, %d outbox rows "
                            + "unpublished, %d images not in the gallery", seconds, unfinishedJobs,
                            unpublishedOutboxRows, Math.max(0, imagesNotInGallery));
        }
    }

    private Backlog() {
    }

    /** Waits until the users' jobs are all finished and their images stored, or {@code timeout} passes. */
    static Drain await(BenchContext context, List<UUID> users, Duration timeout) throws SQLException,
            InterruptedException {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        try (Connection image = context.connect(Generations.IMAGE_DATABASE);
                Connection gallery = context.connect(Generations.GALLERY_DATABASE);
                PreparedStatement jobs = image.prepareStatement(JOBS);
                PreparedStatement outbox = image.prepareStatement(OUTBOX);
                PreparedStatement images = gallery.prepareStatement(IMAGES)) {
            Array imageUsers = image.createArrayOf("uuid", users.toArray());
            Array galleryUsers = gallery.createArrayOf("uuid", users.toArray());
            jobs.setArray(1, imageUsers);
            images.setArray(1, galleryUsers);
            while (true) {
                long unfinished;
                long delivered;
                try (ResultSet row = jobs.executeQuery()) {
                    row.next();
                    unfinished = row.getLong(1);
                    delivered = row.getLong(2);
                }
                long unpublished;
                try (ResultSet row = outbox.executeQuery()) {
                    row.next();
                    unpublished = row.getLong(1);
                }
                long stored;
                try (ResultSet row = images.executeQuery()) {
                    row.next();
                    stored = row.getLong(1);
                }
                Drain drain = new Drain((System.nanoTime() - started) / 1e9, unfinished, unpublished,
                        delivered - stored);
                if (drain.idle() || System.nanoTime() > deadline) {
                    return drain;
                }
                Thread.sleep(POLL.toMillis());
            }
        }
    }
}
