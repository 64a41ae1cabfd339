package dev.atelier.gallery.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.atelier.events.ImageDeleted;
import dev.atelier.gallery.LifecycleFixtures;
import dev.atelier.gallery.domain.Image;
import dev.atelier.gallery.domain.ImageSource;
import dev.atelier.testinfra.RealInfraResource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

@QuarkusTest
@QuarkusTestResource(value = RealInfraResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealInfraResource.DATABASE, value = "gallery"))
class ImageEventOutboxTest {
    @Inject
    ImageEventOutbox outbox;
    @Inject
    LifecycleFixtures lifecycle;

    @Test
    void anEventOfARolledBackChangeIsNeverWritten() {
        Image image = image();

        assertThrows(IllegalStateException.class, () -> VertxContextSupport.subscribeAndAwait(
                () -> Panache.withTransaction(() -> outbox.deleted(image, ImageDeleted.REASON_PERMANENT)
                        .chain(() -> Uni.createFrom().failure(new IllegalStateException("the change fails"))))));

        assertEquals(0, outboxRowsOf(image));
    }

    @Test
    void anEventOfACommittedChangeIsWrittenOnce() throws Throwable {
        Image image = image();

        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> outbox.stored(image)));

        assertEquals(1, outboxRowsOf(image));
    }

    @Test
    void anEventOutsideATransactionIsRefused() {
        Image image = image();

        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> VertxContextSupport
                .subscribeAndAwait(() -> Panache.withSession(() -> outbox.downloaded(image, "original"))));

        assertEquals("an outbox row for image.downloaded of image " + image.id
                + " must be written in the transaction of its change", refused.getMessage());
        assertEquals(0, outboxRowsOf(image));
    }

    private long outboxRowsOf(Image image) {
        return lifecycle.count("select count(*) from outbox where aggregate_id = ?", image.id);
    }

    private static Image image() {
        Image image = new Image();
        image.id = UUID.randomUUID();
        image.userId = UUID.randomUUID();
        image.source = ImageSource.GENERATED;
        image.style = "minimal";
        image.format = "png";
        image.bytes = 10L;
        return image;
    }
}
