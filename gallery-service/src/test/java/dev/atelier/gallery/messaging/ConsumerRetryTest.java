package dev.atelier.gallery.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.atelier.events.GenerationCompleted;
import dev.atelier.gallery.GalleryFixtures;
import dev.atelier.gallery.GalleryRows;
import dev.atelier.testinfra.RealInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A transient database failure while applying {@code generation.completed} is retried (after a back-off) and the
 * event is then applied, not dead-lettered. The failure: a trigger refuses the first insert of this user's images;
 * it counts with a sequence, which a rollback does not undo, so the retry gets through.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfraResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealInfraResource.DATABASE, value = "gallery"))
class ConsumerRetryTest {
    @Inject
    GalleryFixtures fixtures;

    @Inject
    GalleryRows rows;

    @Test
    void aTransientFailureIsRetriedAndTheEventApplied() {
        UUID owner = UUID.randomUUID();
        String suffix = owner.toString().replace("-", "");
        sql("create sequence fail_once_" + suffix);
        sql("create function fail_once_" + suffix + "() returns trigger language plpgsql as $$ begin"
                + " if new.user_id = '" + owner + "' and nextval('fail_once_" + suffix + "') = 1 then"
                + " raise exception 'transient failure for the test'; end if; return new; end $$");
        sql("create trigger fail_once_" + suffix + " before insert on images for each row execute function fail_once_"
                + suffix + "()");
        try {
            GenerationCompleted job = fixtures.publishAndAwait(fixtures.completedJob(owner, "Retried", "a retry", 1));

            assertEquals(1, fixtures.list(owner).size());
            assertFalse(fixtures.deadLettered(job.eventId()), "applied on a retry, not dead-lettered");
        } finally {
            sql("drop trigger fail_once_" + suffix + " on images");
            sql("drop function fail_once_" + suffix + "()");
            sql("drop sequence fail_once_" + suffix);
        }
    }

    private void sql(String statement) {
        rows.pool().query(statement).execute().await().indefinitely();
    }
}
