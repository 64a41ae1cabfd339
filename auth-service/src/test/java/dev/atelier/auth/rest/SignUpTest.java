package dev.atelier.auth.rest;

import static dev.atelier.auth.rest.Accounts.PASSWORD;
import static dev.atelier.auth.rest.Accounts.signUp;
import static dev.atelier.auth.rest.Accounts.uniqueEmail;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.endsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.atelier.testinfra.RealInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Row;

@QuarkusTest
@QuarkusTestResource(value = RealInfraResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealInfraResource.DATABASE, value = "auth"))
class SignUpTest {
    private static final String PROBLEM_JSON = "application/problem+json";

    @Inject
    Database database;

    @Test
    void signUpReturnsTheUserAndTokensSignedWithThePublishedKey() throws Exception {
        String email = uniqueEmail();

        JsonPath body = signUp("Ada Lovelace", email, PASSWORD)
                .statusCode(201)
                .header("Location", endsWith("/api/v1/users/me"))
                .body("user.name", equalTo("Ada Lovelace"))
                .body("user.email", equalTo(email))
                .body("user.tier", equalTo("free"))
                .body("user.createdAt", notNullValue())
                .body("expiresIn", equalTo(900))
                .body("refreshToken", matchesPattern("[A-Za-z0-9_-]{43}"))
                .extract().jsonPath();

        String accessToken = body.getString("accessToken");
        Map<String, Object> header = Jwts.header(accessToken);
        Map<String, Object> claims = Jwts.claims(accessToken);
        List<Map<String, String>> keys = Jwts.publishedKeys();
        Map<String, String> jwk = keys.stream().filter(k -> k.get("kid").equals(header.get("kid"))).findFirst()
                .orElseThrow(() -> new AssertionError("kid " + header.get("kid") + " is not published: " + keys));
        assertEquals(Map.of("kty", "RSA", "use", "sig", "alg", "RS256"),
                Map.of("kty", jwk.get("kty"), "use", jwk.get("use"), "alg", jwk.get("alg")));
        assertTrue(Jwts.signatureVerifies(accessToken, Jwts.rsaKey(jwk)), "signature verifies with the JWKS key");
        assertEquals("RS256", header.get("alg"));
        assertEquals("at+jwt", header.get("typ"));
        assertEquals("atelier-auth", claims.get("iss"));
        assertTrue(List.of("atelier").equals(claims.get("aud")) || "atelier".equals(claims.get("aud")),
                "aud is atelier: " + claims.get("aud"));
        assertEquals(body.getString("user.id"), claims.get("sub"));
        assertEquals(email, claims.get("upn"));
        assertEquals(List.of("user"), claims.get("groups"));
        assertEquals("free", claims.get("tier"));
        assertNotNull(UUID.fromString((String) claims.get("jti")));
        assertEquals(900L, ((Number) claims.get("exp")).longValue() - ((Number) claims.get("iat")).longValue());
    }

    @Test
    void emailIsStoredTrimmedAndLowerCasedAndNameTrimmed() {
        String email = uniqueEmail();

        signUp("  Grace Hopper  ", "  " + email.toUpperCase() + " ", PASSWORD)
                .statusCode(201)
                .body("user.email", equalTo(email))
                .body("user.name", equalTo("Grace Hopper"));

        Row row = database.user(email);
        assertEquals("Grace Hopper", row.getString("name"));
        assertEquals("free", row.getString("tier"));
        assertEquals(List.of("user"), List.of(row.getArrayOfStrings("roles")));
    }

    @Test
    void anEmailAlreadyRegisteredInAnotherCaseIsAConflict() {
        String email = uniqueEmail();
        signUp("First", email, PASSWORD).statusCode(201);

        signUp("Second", email.toUpperCase(), PASSWORD)
                .statusCode(409)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:problem:atelier:email-taken"))
                .body("status", equalTo(409))
                .body("errors.field", hasItem("email"));

        assertEquals(1, database.usersWithEmail(email));
    }

    @Test
    void theStoredPasswordHashIsArgon2idWithOwaspParameters() {
        String email = uniqueEmail();
        signUp("Hash Check", email, PASSWORD).statusCode(201);

        String hash = database.user(email).getString("password_hash");

        assertTrue(hash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), hash);
        assertFalse(hash.contains(PASSWORD));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "name     | ''",
            "name     | '   '",
            "name     | 101 characters",
            "email    | not-an-email",
            "email    | user@localhost",
            "email    | 255 characters",
            "password | 11 characters",
            "password | 129 characters",
    })
    void anInvalidFieldIsABadRequestNamingItAndNothingIsStored(String field, String value) {
        String email = uniqueEmail();
        Map<String, Object> body = new HashMap<>(Map.of("name", "Valid Name", "email", email, "password", PASSWORD));
        body.put(field, valueOf(value));

        Accounts.post("/api/v1/auth/signup", body)
                .statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("status", equalTo(400))
                .body("errors.field", hasItem(field));

        assertEquals(0, database.usersWithEmail(email));
    }

    @ParameterizedTest
    @ValueSource(strings = { "name", "email", "password" })
    void aMissingFieldIsABadRequestNamingIt(String field) {
        String email = uniqueEmail();
        Map<String, Object> body = new HashMap<>(Map.of("name", "Valid Name", "email", email, "password", PASSWORD));
        body.remove(field);

        Accounts.post("/api/v1/auth/signup", body)
                .statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("errors.field", hasItem(field));

        assertEquals(0, database.usersWithEmail(email));
    }

    @ParameterizedTest
    @ValueSource(strings = { "Password2024!", "qwerty123456789", "aaaaaaaaaaaaaaaa", "iloveyou12345678" })
    void aCommonOrTrivialPasswordIsRefusedNamingItAndNothingIsStored(String password) {
        String email = uniqueEmail();

        Accounts.signUp("Valid Name", email, password)
                .statusCode(400).contentType(PROBLEM_JSON)
                .body("errors.field", hasItem("password"));

        assertEquals(0, database.usersWithEmail(email));
    }

    @Test
    void theEmailOrTheNameAsPasswordIsRefused() {
        String email = "long.local.part." + UUID.randomUUID() + "@example.com";

        Accounts.signUp("Valid Name", email, email.toUpperCase()).statusCode(400)
                .body("errors.field", hasItem("password"));
        Accounts.signUp("Valid Name Of Mine", email, "valid name of mine").statusCode(400)
                .body("errors.field", hasItem("password"));
        assertEquals(0, database.usersWithEmail(email));
    }

    @ParameterizedTest
    @ValueSource(strings = { "ada\u200B%s@example.com", "\u0430da%s@example.com", "ada%s@exam\u202Eple.com",
            "ada%s@\u4f8b\u3048.jp", "ada%s@example.com\u0000", "ada %s@example.com" })
    void unicodeTricksInTheEmailAreRefused(String template) {
        String id = UUID.randomUUID().toString();
        String email = unescape(template.formatted(id));

        Accounts.signUp("Valid Name", email, PASSWORD).statusCode(400).contentType(PROBLEM_JSON)
                .body("errors.field", hasItem("email"));

        assertEquals(0, database.query("select count(*) from users where position($1 in email) > 0", id)
                .iterator().next().getLong(0));
    }

    @Test
    void aFullWidthEmailIsStoredAsItsPlainAsciiForm() {
        String id = UUID.randomUUID().toString();
        String fullWidth = "\uff21\uff24\uff21-" + id + "@\uff45\uff58\uff41\uff4d\uff50\uff4c\uff45.com";

        Accounts.signUp("Ada", unescape(fullWidth), PASSWORD).statusCode(201)
                .body("user.email", equalTo("ada-" + id + "@example.com"));
        Accounts.signIn("ADA-" + id + "@EXAMPLE.COM", PASSWORD).statusCode(200);
    }

    @Test
    void aTenKilobytePasswordIsABadRequestNotAHashingJob() {
        String email = uniqueEmail();

        Accounts.signUp("Valid Name", email, "p".repeat(10_000)).statusCode(400).body("errors.field",
                hasItem("password"));
        Accounts.signIn(email, "p".repeat(10_000)).statusCode(400).body("errors.field", hasItem("password"));
    }

    @Test
    void sqlInAFieldIsStoredAsPlainText() {
        String email = uniqueEmail();
        String name = "Robert'); DROP TABLE users;--";

        Accounts.signUp(name, email, PASSWORD).statusCode(201).body("user.name", equalTo(name));

        assertEquals(name, database.user(email).getString("name"));
    }

    private static String unescape(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            if (text.startsWith("\\u", i)) {
                out.append((char) Integer.parseInt(text.substring(i + 2, i + 6), 16));
                i += 5;
            } else {
                out.append(text.charAt(i));
            }
        }
        return out.toString();
    }

    @Test
    void malformedJsonIsABadRequestProblem() {
        given().contentType(ContentType.JSON).body("{\"name\": \"Ada\", \"email\": ")
                .when().post("/api/v1/auth/signup")
                .then().statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("status", equalTo(400));

        assertEquals(0, database.query("select 1 from users where name = 'Ada'").size());
    }

    @Test
    void aMissingBodyIsABadRequestProblem() {
        given().contentType(ContentType.JSON)
                .when().post("/api/v1/auth/signup")
                .then().statusCode(400)
                .contentType(PROBLEM_JSON);
    }

    @Test
    void createdAtIsTheStoredInstant() {
        String email = uniqueEmail();
        String createdAt = signUp("Time Keeper", email, PASSWORD).statusCode(201).extract().path("user.createdAt");

        assertEquals(Instant.parse(createdAt), database.user(email).getOffsetDateTime("created_at").toInstant());
    }

    /** "N characters" stands for a string of that length, so the table stays readable. */
    private static String valueOf(String value) {
        if (value.endsWith(" characters")) {
            int length = Integer.parseInt(value.substring(0, value.indexOf(' ')));
            String suffix = "@example.com";
            return value.startsWith("255") ? "a".repeat(length - suffix.length()) + suffix : "a".repeat(length);
        }
        return value;
    }
}
