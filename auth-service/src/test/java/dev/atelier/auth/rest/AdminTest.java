package dev.atelier.auth.rest;

import static dev.atelier.auth.rest.Accounts.PASSWORD;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.atelier.testinfra.RealInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;

/** The admin API; the test profile lists admin@atelier.test in atelier.auth.admin-emails. */
@QuarkusTest
@QuarkusTestResource(value = RealInfraResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealInfraResource.DATABASE, value = "auth"))
class AdminTest {
    private static final String ADMIN_EMAIL = "admin@atelier.test";

    @Inject
    Database database;

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void aListedEmailSignsUpAsAdminAndEveryoneElseAsUser() {
        List<?> adminGroups = (List<?>) Jwts.claims(adminToken()).get("groups");
        assertEquals(java.util.Set.of("user", "admin"), java.util.Set.copyOf(adminGroups));
        JsonPath user = Accounts.newAccount();
        assertEquals(List.of("user"), Jwts.claims(user.getString("accessToken")).get("groups"));
    }

    @Test
    void aPlainUserGetsForbiddenOnEveryAdminRoute() {
        String token = Accounts.newAccount().getString("accessToken");
        UUID someone = UUID.fromString(Accounts.newAccount().getString("user.id"));

        as(token).get("/api/v1/admin/users").then().statusCode(403).contentType("application/problem+json");
        as(token).get("/api/v1/admin/users/" + someone).then().statusCode(403);
        as(token).body(Map.of("tier", "premium")).patch("/api/v1/admin/users/" + someone).then().statusCode(403);
        as(token).body(Map.of("amount", 5, "reason", "x")).post("/api/v1/admin/users/" + someone + "/credits")
                .then().statusCode(403);
        as(token).get("/api/v1/admin/audit").then().statusCode(403);
        given().when().get("/api/v1/admin/users").then().statusCode(401).contentType("application/problem+json");
        assertEquals(0, count("select count(*) from admin_audit where target_id = $1", someone));
    }

    @Test
    void usersAreListedNewestFirstFilteredAndKeysetPaged() {
        String marker = "zebra" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 3; i++) {
            Accounts.signUp("Member " + marker + " " + i, "m" + i + "-" + UUID.randomUUID() + "@example.com",
                    PASSWORD).statusCode(201);
        }
        String admin = adminToken();

        JsonPath first = as(admin).queryParam("q", marker.toUpperCase()).queryParam("limit", 2)
                .get("/api/v1/admin/users").then().statusCode(200)
                .body("items", hasSize(2))
                .body("items[0].name", equalTo("Member " + marker + " 2"))
                .body("items[0].passwordHash", nullValue())
                .body("nextCursor", notNullValue())
                .extract().jsonPath();
        as(admin).queryParam("q", marker).queryParam("limit", 2).queryParam("cursor", first.getString("nextCursor"))
                .get("/api/v1/admin/users").then().statusCode(200)
                .body("items.name", contains("Member " + marker + " 0"))
                .body("nextCursor", nullValue());
    }

    @Test
    void aWildcardInTheQueryIsTakenLiterally() {
        as(adminToken()).queryParam("q", "%_%").get("/api/v1/admin/users").then().statusCode(200)
                .body("items", hasSize(0));
    }

    @Test
    void changingATierIsAuditedAndTellsImageService() {
        String admin = adminToken();
        UUID adminId = UUID.fromString(Jwts.claims(admin).get("sub").toString());
        JsonPath user = Accounts.newAccount();
        UUID userId = UUID.fromString(user.getString("user.id"));

        as(admin).body(Map.of("tier", "premium")).patch("/api/v1/admin/users/" + userId).then().statusCode(200)
                .body("tier", equalTo("premium"));

        Row audit = database.query("select * from admin_audit where target_id = $1", userId).iterator().next();
        assertEquals(adminId, audit.getUUID("admin_id"));
        assertEquals("tier-change", audit.getString("action"));
        assertEquals(new JsonObject().put("from", "free").put("to", "premium"), details(audit));
        JsonObject event = outboxEvent(userId, "user.tier-changed");
        assertEquals("premium", PublishedEvents.await(bootstrapServers, "user.tier-changed", userId).body()
                .getString("tier"));
        assertEquals("premium", event.getString("tier"));
        assertEquals("free", event.getString("previousTier"));
        assertEquals(adminId.toString(), event.getString("adminId"));
        // The user's next tokens carry the new tier.
        JsonPath refreshed = Accounts.refresh(user.getString("refreshToken")).statusCode(200).extract().jsonPath();
        assertEquals("premium", Jwts.claims(refreshed.getString("accessToken")).get("tier"));
    }

    @Test
    void anUnknownTierOrUserChangesNothing() {
        String admin = adminToken();
        UUID userId = UUID.fromString(Accounts.newAccount().getString("user.id"));

        as(admin).body(Map.of("tier", "platinum")).patch("/api/v1/admin/users/" + userId).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("tier"));
        as(admin).body(Map.of("tier", "premium")).patch("/api/v1/admin/users/" + UUID.randomUUID()).then()
                .statusCode(404).contentType("application/problem+json");
        as(admin).body(Map.of("tier", "basic")).patch("/api/v1/admin/users/not-a-uuid").then().statusCode(404);
        assertEquals(0, count("select count(*) from admin_audit where target_id = $1", userId));
        assertEquals(0, count("select count(*) from outbox where aggregate_id = $1", userId));
    }

    @Test
    void grantingCreditsIsAuditedAndTellsImageService() {
        String admin = adminToken();
        UUID userId = UUID.fromString(Accounts.newAccount().getString("user.id"));

        String grantId = as(admin).body(Map.of("amount", 25, "reason", "Sorry for the outage"))
                .post("/api/v1/admin/users/" + userId + "/credits").then().statusCode(202)
                .body("amount", equalTo(25))
                .extract().path("grantId");

        JsonObject event = outboxEvent(userId, "credits.granted");
        assertEquals(grantId, PublishedEvents.await(bootstrapServers, "credits.granted", userId).body()
                .getString("eventId"));
        assertEquals(grantId, event.getString("eventId"));
        assertEquals(25, event.getInteger("amount"));
        assertEquals("Sorry for the outage", event.getString("reason"));
        Row audit = database.query("select * from admin_audit where target_id = $1", userId).iterator().next();
        assertEquals("credit-grant", audit.getString("action"));
        assertEquals(grantId, details(audit).getString("grantId"));
        as(admin).queryParam("limit", 200).get("/api/v1/admin/audit").then().statusCode(200)
                .body("items.details.grantId", hasItem(grantId));
    }

    @Test
    void anInvalidGrantIsRefused() {
        String admin = adminToken();
        UUID userId = UUID.fromString(Accounts.newAccount().getString("user.id"));

        for (Object body : List.of(Map.of("amount", 0, "reason", "x"), Map.of("amount", -5, "reason", "x"),
                Map.of("amount", 2_000_000, "reason", "x"), Map.of("amount", 5), Map.of("amount", "lots",
                        "reason", "x"), Map.of("amount", 5, "reason", "x".repeat(201)))) {
            as(admin).body(body).post("/api/v1/admin/users/" + userId + "/credits").then().statusCode(400)
                    .contentType("application/problem+json");
        }
        as(admin).queryParam("cursor", "garbage!").get("/api/v1/admin/users").then().statusCode(400)
                .contentType("application/problem+json");
        as(admin).queryParam("limit", 0).get("/api/v1/admin/users").then().statusCode(400);
        assertEquals(0, count("select count(*) from outbox where aggregate_id = $1", userId));
    }

    private JsonObject outboxEvent(UUID userId, String topic) {
        Row row = database.query("select jsonb_typeof(payload) as shape, payload::text as json from outbox"
                + " where aggregate_id = $1 and topic = $2", userId, topic).iterator().next();
        assertEquals("object", row.getString("shape"));
        return new JsonObject(row.getString("json"));
    }

    private JsonObject details(Row audit) {
        Row row = database.query("select jsonb_typeof(details) as shape, details::text as json from admin_audit"
                + " where id = $1", audit.getLong("id")).iterator().next();
        assertEquals("object", row.getString("shape"));
        return new JsonObject(row.getString("json"));
    }

    private long count(String sql, Object... args) {
        return database.query(sql, args).iterator().next().getLong(0);
    }

    private static io.restassured.specification.RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).when();
    }

    /** Signs the admin up on first use, in afterwards. */
    static String adminToken() {
        ValidatableResponse signUp = Accounts.signUp("Admin", ADMIN_EMAIL, PASSWORD);
        if (signUp.extract().statusCode() == 201) {
            return signUp.extract().path("accessToken");
        }
        return Accounts.signIn(ADMIN_EMAIL, PASSWORD).statusCode(200).extract().path("accessToken");
    }
}
