package dev.atelier.image.rest;

import static dev.atelier.image.Fixtures.BASE;
import static dev.atelier.image.Fixtures.count;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.agroal.api.AgroalDataSource;
import dev.atelier.testinfra.RealInfraResource;
import dev.atelier.testinfra.TestJwt;
import dev.atelier.testinfra.TestJwt.Forgery;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The tokens an attacker would try (RFC 8725: alg none, HS256 with the public key, another issuer or audience,
 * expired, an unknown kid, an unpublished key, a JWT that is not an access token) are refused on every protected
 * route with a 401 problem, and nothing is stored for the user they name. The same routes accept a valid token, so
 * the 401s come from the tokens and not from the requests.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfraResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealInfraResource.DATABASE, value = "image"))
class JwtAttackTest {
    /** The user every forged token names; nothing may ever be stored for them. */
    private static final UUID VICTIM = UUID.randomUUID();
    private static final String VALID_BODY = "{\"prompt\":\"a lighthouse at dusk\",\"style\":\"realistic\"}";

    @Inject
    AgroalDataSource db;

    /** A protected route; {@code path} gets a job id of the caller for routes that name one. */
    record Route(String method, Function<UUID, String> path, String body, int acceptedStatus, String name) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final List<Route> ROUTES = List.of(
            new Route("POST", job -> BASE, VALID_BODY, 202, "POST /generations"),
            new Route("GET", job -> BASE, null, 200, "GET /generations"),
            new Route("GET", job -> "/api/v1/credits", null, 200, "GET /credits"),
            new Route("GET", job -> BASE + "/" + job + "/events", null, 200, "GET /generations/{id}/events"),
            new Route("POST", job -> BASE + "/validate", VALID_BODY, 200, "POST /generations/validate"));

    static Stream<Arguments> forgeriesOnEveryRoute() {
        return TestJwt.forgeries(VICTIM).stream()
                .flatMap(forgery -> ROUTES.stream().map(route -> Arguments.of(forgery, route)));
    }

    static Stream<Route> routes() {
        return ROUTES.stream();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("forgeriesOnEveryRoute")
    void aForgedTokenIsRefusedWithA401ProblemAndNothingIsStored(Forgery forgery, Route route) {
        call(route, forgery.token(), UUID.randomUUID())
                .then()
                .statusCode(401)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(401));

        assertEquals(0, count(db, "select count(*) from generation_jobs where user_id = ?", VICTIM), "jobs");
        assertEquals(0, count(db, "select count(*) from credit_accounts where user_id = ?", VICTIM), "account");
        assertEquals(0, count(db, "select count(*) from usage_logs where user_id = ?", VICTIM), "usage");
        assertEquals(0, count(db, "select count(*) from credit_holds where user_id = ?", VICTIM), "holds");
        assertEquals(0, count(db, "select count(*) from outbox where message_key = ?", VICTIM.toString()), "outbox");
    }

    @ParameterizedTest(name = "a valid token on {0}")
    @MethodSource("routes")
    void aValidTokenIsAcceptedOnTheSameRoute(Route route) {
        UUID user = UUID.randomUUID();
        String token = TestJwt.forUser(user);
        // A finished job of the caller, so its event stream replays and ends.
        String job = given().auth().oauth2(token).contentType(ContentType.JSON).body(VALID_BODY).post(BASE)
                .then().statusCode(202).extract().path("id");
        given().auth().oauth2(token).post(BASE + "/" + job + "/cancel").then().statusCode(200);

        call(route, token, UUID.fromString(job)).then().statusCode(route.acceptedStatus());
    }

    private static Response call(Route route, String token, UUID job) {
        var request = given().auth().oauth2(token);
        if (route.body() != null) {
            request = request.contentType(ContentType.JSON).body(route.body());
        }
        return request.request(route.method(), route.path().apply(job));
    }
}
