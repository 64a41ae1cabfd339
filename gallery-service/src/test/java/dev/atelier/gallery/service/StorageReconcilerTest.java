package dev.atelier.gallery.service;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.atelier.events.GeneratedImage;
import dev.atelier.events.GenerationCompleted;
import dev.atelier.events.StorageKeys;
import dev.atelier.gallery.GalleryFixtures;
import dev.atelier.gallery.LifecycleFixtures;
import dev.atelier.gallery.service.StorageReconciler.Reconciliation;
import dev.atelier.testinfra.RealInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = RealInfraResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealInfraResource.DATABASE, value = "gallery"))
class StorageReconcilerTest {
    private static final Duration LONG_GRACE = Duration.ofHours(1);

    @Inject
    GalleryFixtures gallery;
    @Inject
    LifecycleFixtures lifecycle;
    @Inject
    StorageReconciler reconciler;

    @Test
    void reportsAnObjectWithoutARowAndARowWithoutItsOriginalAndRemovesNothingByDefault() {
        UUID owner = UUID.randomUUID();
        GenerationCompleted job = gallery.publishAndAwait(gallery.completedJob(owner, "Pair", "a pair", 2));
        GeneratedImage intact = job.images().get(0);
        GeneratedImage lost = job.images().get(1);
        String orphan = orphanOf(owner);
        lifecycle.deleteObject(lost.keys().get(StorageKeys.ORIGINAL));

        Reconciliation report = reconciler.reconcile(owner, false, Duration.ZERO);

        assertTrue(report.ran());
        assertEquals(StorageKeys.userPrefix(owner), report.prefix());
        assertEquals(4, report.objects(), "two objects of the intact image, the lost one's thumb, the orphan");
        assertEquals(2, report.rows());
        assertEquals(1, report.orphanObjects());
        assertEquals(List.of(orphan), report.orphanSample());
        assertEquals(1, report.rowsMissingOriginal());
        assertEquals(List.of(lost.imageId()), report.missingOriginalSample());
        assertEquals(0, report.removedObjects());
        assertFalse(report.clean());
        assertTrue(lifecycle.objectExists(orphan), "only reported");
        intact.keys().values().forEach(key -> assertTrue(lifecycle.objectExists(key), key));
    }

    @Test
    void removesAnOrphanOnlyOnceItIsOlderThanTheGracePeriod() {
        UUID owner = UUID.randomUUID();
        GenerationCompleted job = gallery.publishAndAwait(gallery.completedJob(owner, "Keep", "keep", 1));
        String orphan = orphanOf(owner);

        // Within the grace period the object may be an upload or a generation whose row is on its way.
        Reconciliation young = reconciler.reconcile(owner, true, LONG_GRACE);
        assertEquals(0, young.orphanObjects());
        assertEquals(1, young.recentObjects());
        assertEquals(0, young.rowsMissingOriginal(), "rows younger than the grace are not judged either");
        assertTrue(lifecycle.objectExists(orphan));

        Reconciliation old = reconciler.reconcile(owner, true, Duration.ZERO);
        assertEquals(1, old.orphanObjects());
        assertEquals(1, old.removedObjects());
        assertFalse(lifecycle.objectExists(orphan));
        job.images().get(0).keys().values().forEach(key -> assertTrue(lifecycle.objectExists(key), key));

        Reconciliation after = reconciler.reconcile(owner, true, Duration.ZERO);
        assertTrue(after.clean());
        assertEquals(2, after.objects());
    }

    @Test
    void trashedImagesOwnTheirObjects() {
        UUID owner = UUID.randomUUID();
        GeneratedImage image = gallery.publishAndAwait(gallery.completedJob(owner, "Bin", "bin", 1)).images().get(0);
        given().auth().oauth2(GalleryFixtures.token(owner))
                .when().delete("/api/v1/images/{id}", image.imageId()).then().statusCode(204);

        Reconciliation report = reconciler.reconcile(owner, true, Duration.ZERO);

        assertTrue(report.clean());
        image.keys().values().forEach(key -> assertTrue(lifecycle.objectExists(key), key));
    }

    @Test
    void wholeBucketRunFindsTheSameAndIsTheLastReport() {
        UUID owner = UUID.randomUUID();
        GeneratedImage lost = gallery.publishAndAwait(gallery.completedJob(owner, "Far", "far", 1)).images().get(0);
        String orphan = orphanOf(owner);
        lifecycle.deleteObject(lost.keys().get(StorageKeys.ORIGINAL));

        Reconciliation report = reconciler.reconcile(null, false, Duration.ZERO);

        assertEquals("users/", report.prefix());
        assertThat(report.orphanObjects(), greaterThanOrEqualTo(1L));
        assertThat(report.rowsMissingOriginal(), greaterThanOrEqualTo(1L));
        assertThat(report.rows(), greaterThanOrEqualTo(1L));
        assertTrue(lifecycle.objectExists(orphan));
        assertSame(report, reconciler.lastReport());
    }

    /** An object in the user's folder that no row owns, as a generation whose completion never arrived leaves. */
    private String orphanOf(UUID owner) {
        String key = StorageKeys.image(owner, UUID.randomUUID(), StorageKeys.ORIGINAL, "png");
        lifecycle.putObject(key, new byte[] { 1, 2, 3 });
        return key;
    }
}
