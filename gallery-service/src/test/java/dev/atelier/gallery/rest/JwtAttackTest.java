package dev.atelier.gallery.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import dev.atelier.gallery.AccountTraces;
import dev.atelier.gallery.ProtectedRoute;
import dev.atelier.gallery.TestImages;
import dev.atelier.gallery.UploadFixtures;
import dev.atelier.problem.Problem;
import dev.atelier.testinfra.RealInfraResource;
import dev.atelier.testinfra.TestJwt;
import dev.atelier.testinfra.TestJwt.Forgery;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Every kind of token a verifier must refuse (unsigned, algorithm confusion, wrong issuer or audience, expired,
 * unknown kid, unpublished key, not typed at+jwt), on every kind of protected route, for a real user with a real
 * image: 401 problem+json, and nothing read or changed. The same routes with a valid token do their work, so the
 * refusals are the tokens' doing.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfraResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealInfraResource.DATABASE, value = "gallery"))
class JwtAttackTest {
    /** The user every forged token names; owns one uploaded image. */
    private static final UUID VICTIM = UUID.randomUUID();
    private static UUID victimImage;

    @Inject
    UploadFixtures uploads;
    @Inject
    AccountTraces traces;

    static Stream<Arguments> forgedTokensOnProtectedRoutes() {
        return TestJwt.forgeries(VICTIM).stream()
                .flatMap(forgery -> Stream.of(ProtectedRoute.values()).map(route -> Arguments.of(forgery, route)));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("forgedTokensOnProtectedRoutes")
    void aForgedTokenIsRefusedAndChangesNothing(Forgery forgery, ProtectedRoute route) {
        UUID image = victimImage();
        String before = stateOf(VICTIM, image);

        Response response = route.call(forgery.token(), image);

        response.then().statusCode(401)
                .contentType(Problem.MEDIA_TYPE)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("status", equalTo(401));
        assertEquals(before, stateOf(VICTIM, image), "the image row, its objects, shares and uploads are unchanged");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ProtectedRoute.class)
    void aValidTokenIsServedOnTheSameRoutes(ProtectedRoute route) {
        UUID owner = UUID.randomUUID();
        UUID image = uploads.uploaded(owner, "mine.png", TestImages.png(40, 30), "image/png");

        route.call(TestJwt.forUser(owner), image).then().statusCode(route.allowedStatus());
    }

    /** The valid-token half, the other way round: the probe this suite relies on does see a change. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ProtectedRoute.class, names = { "EDIT", "UPLOAD", "SHARE", "TRASH", "PURGE" })
    void aValidTokenOnAWritingRouteChangesTheObservedState(ProtectedRoute route) {
        UUID owner = UUID.randomUUID();
        UUID image = uploads.uploaded(owner, "mine.png", TestImages.png(40, 30), "image/png");
        String before = stateOf(owner, image);

        route.call(TestJwt.forUser(owner), image).then().statusCode(route.allowedStatus());

        assertNotEquals(before, stateOf(owner, image));
    }

    /** The victim's image, uploaded once for the whole class (the forged calls never change it). */
    private UUID victimImage() {
        synchronized (JwtAttackTest.class) {
            if (victimImage == null) {
                victimImage = uploads.uploaded(VICTIM, "victim.png", TestImages.png(40, 30), "image/png");
            }
            return victimImage;
        }
    }

    /**
     * Everything a request could change for the user: the image row in full, the user's rows in every table keyed
     * by user, their outbox rows (counted: the relay marks them published on its own schedule) and the objects
     * under their folder with their ETags.
     */
    private String stateOf(UUID userId, UUID image) {
        var rows = uploads.query("select to_jsonb(i)::text from images i where id = $1", image);
        String row = rows.size() == 0 ? "no row" : rows.iterator().next().getString(0);
        long events = traces.count("select count(*) from outbox where message_key = ?", userId.toString());
        List<String> objects = uploads.objectsWithETags(userId);
        return row + "\n" + traces.rowsKeyedBy(userId) + "\noutbox=" + events + "\n" + objects;
    }
}
