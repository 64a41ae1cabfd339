package dev.atelier.image.webhook;

import static dev.atelier.image.Fixtures.as;
import static dev.atelier.image.Fixtures.count;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.atelier.image.KafkaAndDatabaseTest;
import dev.atelier.image.service.SecretBox;
import dev.atelier.testinfra.RealInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** Registering, reading, changing and deleting webhook endpoints: /api/v1/webhooks. */
@QuarkusTest
@QuarkusTestResource(value = RealInfraResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealInfraResource.DATABASE, value = "image"))
class WebhookEndpointsTest extends KafkaAndDatabaseTest {
    @Inject
    SecretBox box;
    static final String WEBHOOKS = "/api/v1/webhooks";
    private static final String RECEIVER = "http://127.0.0.1:9/hook";

    static String register(UUID user, Object body) {
        return as(user).body(body).post(WEBHOOKS).then().statusCode(201).extract().path("id");
    }

    @Test
    void aRegisteredEndpointShowsItsSecretOnceAndIsListedWithoutIt() {
        UUID user = UUID.randomUUID();
        ValidatableResponse created = as(user)
                .body(Map.of("url", RECEIVER, "description", "  my server  "))
                .post(WEBHOOKS).then().statusCode(201)
                .body("url", equalTo(RECEIVER))
                .body("eventTypes", equalTo(List.of("generation.succeeded", "generation.failed",
                        "generation.canceled")))
                .body("description", equalTo("my server"))
                .body("enabled", equalTo(true))
                .body("secret", startsWith("whsec_"));
        String id = created.extract().path("id");
        created.header("Location", endsWith(WEBHOOKS + "/" + id))
                .body("deliveries", equalTo(WEBHOOKS + "/" + id + "/deliveries"));

        as(user).get(WEBHOOKS).then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].id", equalTo(id))
                .body("items[0].secret", nullValue());
        as(user).get(WEBHOOKS + "/" + id).then().statusCode(200).body("secret", nullValue());
    }

    @Test
    void eventTypesCanBeChosen() {
        UUID user = UUID.randomUUID();
        as(user).body(Map.of("url", RECEIVER, "eventTypes", List.of("generation.failed", "generation.failed")))
                .post(WEBHOOKS).then().statusCode(201)
                .body("eventTypes", equalTo(List.of("generation.failed")));
    }

    @Test
    void anotherUsersEndpointIsNotFoundLikeAnUnknownOne() {
        UUID owner = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        String id = register(owner, Map.of("url", RECEIVER));

        for (String target : List.of(id, UUID.randomUUID().toString())) {
            String path = WEBHOOKS + "/" + target;
            as(other).get(path).then().statusCode(404).contentType("application/problem+json");
            as(other).body(Map.of("enabled", false)).patch(path).then().statusCode(404);
            as(other).post(path + "/secret").then().statusCode(404);
            as(other).get(path + "/deliveries").then().statusCode(404);
            as(other).post(path + "/deliveries/" + UUID.randomUUID() + "/redeliver").then().statusCode(404);
            as(other).delete(path).then().statusCode(404);
        }
        as(other).get(WEBHOOKS).then().statusCode(200).body("items", hasSize(0));
        as(owner).get(WEBHOOKS + "/" + id).then().statusCode(200).body("enabled", equalTo(true));
    }

    @ParameterizedTest
    @ValueSource(strings = { "http://10.0.0.1/hook", "http://169.254.169.254/latest/meta-data/",
        "http://192.168.1.1/hook", "http://[fd00::1]/hook", "http://100.64.0.1/hook", "http://0.0.0.0/hook",
        "ftp://127.0.0.1/hook", "not a url", "http://user:pass@127.0.0.1/hook", "http://127.0.0.1/hook#x" })
    void aUrlAWebhookMayNotReachIsRefusedNamingItAndNothingIsStored(String url) {
        UUID user = UUID.randomUUID();
        as(user).body(Map.of("url", url)).post(WEBHOOKS).then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("url"));
        assertEquals(0, count(db, "select count(*) from webhook_endpoints where user_id = ?", user));
    }

    @Test
    void badFieldsAreRefusedNamingThem() {
        UUID user = UUID.randomUUID();
        as(user).body(Map.of()).post(WEBHOOKS).then().statusCode(400).body("errors[0].field", equalTo("url"));
        as(user).body(Map.of("url", RECEIVER, "eventTypes", List.of("image.stored"))).post(WEBHOOKS).then()
                .statusCode(400).body("errors[0].field", equalTo("eventTypes"));
        as(user).body(Map.of("url", RECEIVER, "eventTypes", List.of())).post(WEBHOOKS).then()
                .statusCode(400).body("errors[0].field", containsString("eventTypes"));
        as(user).body(Map.of("url", RECEIVER, "description", "a\u0000b")).post(WEBHOOKS).then()
                .statusCode(400).body("errors[0].field", containsString("description"));
        as(user).body(Map.of("url", RECEIVER, "description", "d".repeat(501))).post(WEBHOOKS).then()
                .statusCode(400).body("errors[0].field", containsString("description"));
        as(user).body(Map.of("url", RECEIVER, "enabled", false)).post(WEBHOOKS).then()
                .statusCode(400).body("errors[0].field", equalTo("enabled"));
        as(user).body("{\"url\": 5, ").post(WEBHOOKS).then().statusCode(400)
                .contentType("application/problem+json");
        assertEquals(0, count(db, "select count(*) from webhook_endpoints where user_id = ?", user));
    }

    @Test
    void anAccountHasAtMostTheConfiguredNumberOfEndpoints() {
        UUID user = UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            register(user, Map.of("url", RECEIVER + i));
        }
        as(user).body(Map.of("url", RECEIVER)).post(WEBHOOKS).then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", containsString("webhook-limit"));
        assertEquals(3, count(db, "select count(*) from webhook_endpoints where user_id = ?", user));
    }

    @Test
    void rotatingTheSecretKeepsThePreviousOneSigningForTheGracePeriod() {
        UUID user = UUID.randomUUID();
        String first = as(user).body(Map.of("url", RECEIVER)).post(WEBHOOKS).then().statusCode(201)
                .extract().path("secret");
        String id = as(user).get(WEBHOOKS).then().extract().path("items[0].id");

        String second = as(user).post(WEBHOOKS + "/" + id + "/secret").then().statusCode(200)
                .body("previousSecretExpiresAt", notNullValue())
                .extract().path("secret");

        assertNotEquals(first, second);
        // Stored encrypted (the test profile sets a key), readable with it.
        String previousStored = jdbcString("select previous_secret from webhook_endpoints where id = ?", id);
        String currentStored = jdbcString("select secret from webhook_endpoints where id = ?", id);
        assertTrue(previousStored.startsWith("enc:v1:") && currentStored.startsWith("enc:v1:"), currentStored);
        assertEquals(first, box.open(previousStored));
        assertEquals(second, box.open(currentStored));
        as(user).get(WEBHOOKS + "/" + id).then().body("previousSecretExpiresAt", notNullValue())
                .body("secret", nullValue());
    }

    @Test
    void anEndpointCanBeChangedPausedResumedAndDeleted() {
        UUID user = UUID.randomUUID();
        String id = register(user, Map.of("url", RECEIVER, "description", "old"));
        String path = WEBHOOKS + "/" + id;

        as(user).body(Map.of("url", "http://127.0.0.1:10/other", "eventTypes", List.of("generation.canceled"),
                "description", "")).patch(path).then().statusCode(200)
                .body("url", equalTo("http://127.0.0.1:10/other"))
                .body("eventTypes", equalTo(List.of("generation.canceled")))
                .body("description", nullValue());
        as(user).body(Map.of("enabled", false)).patch(path).then().statusCode(200)
                .body("enabled", equalTo(false)).body("disabledReason", notNullValue());
        as(user).body(Map.of("enabled", true)).patch(path).then().statusCode(200)
                .body("enabled", equalTo(true)).body("disabledReason", nullValue());
        as(user).body(Map.of("url", "http://10.0.0.1/x")).patch(path).then().statusCode(400)
                .body("errors[0].field", equalTo("url"));
        as(user).get(path).then().body("url", equalTo("http://127.0.0.1:10/other"));

        as(user).delete(path).then().statusCode(204);
        as(user).get(path).then().statusCode(404);
    }

    @Test
    void theSubmitSecretIsMadeOnceAndRotates() {
        UUID user = UUID.randomUUID();
        String first = as(user).get(WEBHOOKS + "/submit-secret").then().statusCode(200)
                .body("secret", startsWith("whsec_")).body("previousSecretExpiresAt", nullValue())
                .extract().path("secret");
        as(user).get(WEBHOOKS + "/submit-secret").then().body("secret", equalTo(first));

        String second = as(user).post(WEBHOOKS + "/submit-secret").then().statusCode(200)
                .body("previousSecretExpiresAt", notNullValue()).extract().path("secret");

        assertNotEquals(first, second);
        as(user).get(WEBHOOKS + "/submit-secret").then().body("secret", equalTo(second))
                .body("previousSecretExpiresAt", notNullValue());
    }

    @Test
    void aSubmitWithAWebhookAPrivateAddressIsRefusedNamingItAndStoresNothing() {
        UUID user = UUID.randomUUID();
        as(user).body(Map.of("prompt", "a quiet harbour", "style", "realistic", "webhook", "http://10.9.8.7/done"))
                .post("/api/v1/generations").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("webhook"));
        assertEquals(0, count(db, "select count(*) from generation_jobs where user_id = ?", user));
    }

    private String jdbcString(String sql, String id) {
        try (var connection = db.getConnection(); var statement = connection.prepareStatement(sql)) {
            statement.setObject(1, UUID.fromString(id));
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
