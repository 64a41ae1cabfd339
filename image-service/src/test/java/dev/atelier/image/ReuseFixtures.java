package dev.atelier.image;

import static dev.atelier.image.Fixtures.BASE;
import static dev.atelier.image.Fixtures.PATIENCE;
import static dev.atelier.image.Fixtures.as;
import static dev.atelier.image.Fixtures.count;
import static dev.atelier.image.Fixtures.produce;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.atelier.events.GeneratedImage;
import dev.atelier.events.GenerationCompleted;
import dev.atelier.events.ImageDeleted;
import dev.atelier.events.StorageKeys;
import dev.atelier.events.Topics;
import io.restassured.response.ValidatableResponse;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/** What the idempotency, prompt-cache and regenerate tests share: finished jobs and deleted images. */
public final class ReuseFixtures {
    public static final String IMAGES = "/api/v1/images";

    private ReuseFixtures() {
    }

    /** The worker renders the job: its images, in this order, are stored and it succeeds. */
    public static void complete(KafkaCompanion kafka, ObjectMapper mapper, UUID user, UUID job, UUID... images) {
        List<GeneratedImage> generated = new ArrayList<>();
        for (int i = 0; i < images.length; i++) {
            generated.add(new GeneratedImage(images[i], i, "png", 512, 512, 1024, "cd".repeat(32),
                    Map.of(StorageKeys.ORIGINAL, StorageKeys.image(user, images[i], StorageKeys.ORIGINAL, "png"))));
        }
        produce(kafka, mapper, Topics.GENERATION_COMPLETED, new GenerationCompleted(UUID.randomUUID(),
                GenerationCompleted.VERSION, Instant.now(), user, job, null, null, null, null, 3, "local",
                "procedural-v1", generated));
        awaitStatus(user, job, "succeeded");
    }

    public static ValidatableResponse awaitStatus(UUID user, UUID job, String status) {
        await().atMost(PATIENCE).untilAsserted(
                () -> as(user).get(BASE + "/" + job).then().statusCode(200).body("status", equalTo(status)));
        return as(user).get(BASE + "/" + job).then().statusCode(200);
    }

    /** gallery-service deleted the image for good; returns once image-service has recorded it. */
    public static void deleteImage(KafkaCompanion kafka, ObjectMapper mapper, DataSource db, UUID user, UUID image) {
        produce(kafka, mapper, Topics.IMAGE_DELETED, new ImageDeleted(UUID.randomUUID(), ImageDeleted.VERSION,
                Instant.now(), user, image, "minimal", 1024, ImageDeleted.REASON_PERMANENT));
        await().atMost(PATIENCE).until(() -> count(db,
                "select count(*) from deleted_images where image_id = ?", image) == 1);
    }

    /** Moves a job's creation back in time, as if it had been submitted that long ago. */
    public static void age(DataSource db, UUID job, String interval) {
        Fixtures.update(db, "update generation_jobs set created_at = created_at - cast(? as interval) where id = ?",
                interval, job);
    }

    /** The first column of the first row, as text. */
    public static String text(DataSource db, String sql, Object... args) {
        try (Connection connection = db.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
