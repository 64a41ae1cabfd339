package dev.atelier.image.rest;

import static dev.atelier.image.Credits.CREDITS;
import static dev.atelier.image.Credits.USAGE;
import static dev.atelier.image.Credits.assertAccount;
import static dev.atelier.image.Credits.usageRows;
import static dev.atelier.image.Fixtures.BASE;
import static dev.atelier.image.Fixtures.PATIENCE;
import static dev.atelier.image.Fixtures.as;
import static dev.atelier.image.Fixtures.header;
import static dev.atelier.image.Fixtures.jobsOf;
import static dev.atelier.image.Fixtures.recordsOf;
import static dev.atelier.image.Fixtures.submit;
import static dev.atelier.image.Fixtures.update;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.atelier.events.EventMessages;
import dev.atelier.events.Topics;
import dev.atelier.image.Credits;
import dev.atelier.image.KafkaAndDatabaseTest;
import dev.atelier.image.TierJwt;
import dev.atelier.problem.Problem;
import dev.atelier.testinfra.RealInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;

/** Credit accounts: opened with the tier's credits, held by submits, renewed monthly, announced on credits.changed. */
@QuarkusTest
@QuarkusTestResource(value = RealInfraResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealInfraResource.DATABASE, value = "image"))
class CreditsTest extends KafkaAndDatabaseTest {

    @Test
    void aFirstRequestOpensAFreeAccountWithTenCreditsForThisMonth() {
        UUID user = UUID.randomUUID();
        Instant monthStart = YearMonth.now(ZoneOffset.UTC).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        as(user).get(CREDITS).then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .body("tier", equalTo("free"))
                .body("total", equalTo(10))
                .body("used", equalTo(0))
                .body("held", equalTo(0))
                .body("remaining", equalTo(10))
                .body("periodStart", equalTo(monthStart.toString()))
                .body("periodEnd", equalTo(monthStart.atZone(ZoneOffset.UTC).plusMonths(1).toInstant().toString()));
        as(user).get(USAGE).then()
                .statusCode(200)
                .body("items.kind", contains("grant"))
                .body("items[0].amount", equalTo(10))
                .body("items[0].balance", equalTo(10))
                .body("nextCursor", nullValue());
    }

    @Test
    void theTokensTierChoosesTheCredits() {
        UUID user = UUID.randomUUID();
        TierJwt.as(user, "premium").get(CREDITS).then()
                .statusCode(200)
                .body("tier", equalTo("premium"))
                .body("total", equalTo(1000))
                .body("remaining", equalTo(1000));
    }

    @Test
    void anUpgradeAddsTheNewTiersCreditsAtOnce() {
        UUID user = UUID.randomUUID();
        submit(user, "{\"prompt\":\"a kite\",\"style\":\"vibrant\",\"count\":2}");
        TierJwt.as(user, "basic").get(CREDITS).then()
                .statusCode(200)
                .body("tier", equalTo("basic"))
                .body("total", equalTo(200))
                .body("held", equalTo(2))
                .body("remaining", equalTo(198));
        assertEquals(List.of("grant 10 10", "hold 2 8", "grant 190 198"), usageRows(db, user));
    }

    @Test
    void aSubmitHoldsItsCostAndAnswersWithTheCreditsLeft() {
        UUID user = UUID.randomUUID();
        String job = as(user).body("{\"prompt\":\"three foxes\",\"style\":\"artistic\",\"count\":3}").post(BASE)
                .then()
                .statusCode(202)
                .body("cost", equalTo(3))
                .body("remainingCredits", equalTo(7))
                .extract().path("id");
        assertAccount(user, 10, 0, 3);
        as(user).get(USAGE).then()
                .statusCode(200)
                .body("items.kind", contains("hold", "grant"))
                .body("items[0].amount", equalTo(3))
                .body("items[0].jobId", equalTo(job))
                .body("items[0].balance", equalTo(7))
                .body("items[0].at", notNullValue());
    }

    @Test
    void aJobCostingMoreThanWhatIsLeftIsA402WithRemainingAndCostAndStoresNothing() {
        UUID user = UUID.randomUUID();
        String fourImages = "{\"prompt\":\"four owls\",\"style\":\"minimal\",\"count\":4}";
        submit(user, fourImages);
        submit(user, fourImages);
        as(user).body(fourImages).post(BASE).then()
                .statusCode(402)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("urn:problem:atelier:insufficient-credits"))
                .body("status", equalTo(402))
                .body("remaining", equalTo(2))
                .body("cost", equalTo(4));
        assertEquals(2, jobsOf(db, user));
        assertAccount(user, 10, 0, 8);
        // What is left can still be spent.
        as(user).body("{\"prompt\":\"two owls\",\"style\":\"minimal\",\"count\":2}").post(BASE).then()
                .statusCode(202)
                .body("remainingCredits", equalTo(0));
    }

    @Test
    void everyChangeIsAnnouncedAsASnapshotOnCreditsChanged() throws Exception {
        UUID user = UUID.randomUUID();
        UUID job = submit(user, "{\"prompt\":\"a comet\",\"style\":\"vibrant\",\"count\":2}");

        ConsumerTask<String, String> records = recordsOf(kafka, Topics.CREDITS_CHANGED, user).awaitRecords(2, PATIENCE);
        List<ConsumerRecord<String, String>> received = records.getRecords();
        records.close();
        ConsumerRecord<String, String> first = received.get(0);
        assertEquals(user.toString(), first.key());
        assertEquals(Topics.CREDITS_CHANGED, header(first, EventMessages.EVENT_TYPE_HEADER));
        JsonNode grant = mapper.readTree(first.value());
        assertEquals("grant", grant.get("reason").asText());
        assertEquals(1, grant.get("sequence").asLong());
        assertEquals(10, grant.get("remaining").asInt());
        JsonNode hold = mapper.readTree(received.get(1).value());
        assertEquals("hold", hold.get("reason").asText());
        assertEquals(2, hold.get("sequence").asLong());
        assertEquals("free", hold.get("tier").asText());
        assertEquals(10, hold.get("total").asInt());
        assertEquals(0, hold.get("used").asInt());
        assertEquals(2, hold.get("held").asInt());
        assertEquals(8, hold.get("remaining").asInt());
        assertEquals(1, hold.get("generations").asLong());
        assertEquals(job.toString(), hold.get("jobId").asText());
    }

    @Test
    void aNewMonthGrantsTheTiersCreditsAgainAndKeepsWhatIsHeld() {
        UUID user = UUID.randomUUID();
        submit(user, "{\"prompt\":\"a lantern\",\"style\":\"realistic\"}");
        Instant lastMonth = YearMonth.now(ZoneOffset.UTC).minusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC)
                .toInstant();
        update(db, "update credit_accounts set used = 6, period_start = ? where user_id = ?",
                lastMonth.atOffset(ZoneOffset.UTC), user);

        JsonPath credits = Credits.of(user);
        assertEquals(0, credits.getInt("used"));
        assertEquals(1, credits.getInt("held"));
        assertEquals(9, credits.getInt("remaining"));
        assertEquals(lastMonth.atZone(ZoneOffset.UTC).plusMonths(1).toInstant().toString(),
                credits.getString("periodStart"));
        assertEquals(List.of("grant 10 10", "hold 1 9", "grant 10 9"), usageRows(db, user));
    }

    @Test
    void theUsageLogIsPagedNewestFirst() {
        UUID user = UUID.randomUUID();
        UUID first = submit(user, "{\"prompt\":\"one\",\"style\":\"minimal\"}");
        UUID second = submit(user, "{\"prompt\":\"two\",\"style\":\"minimal\"}");
        UUID third = submit(user, "{\"prompt\":\"three\",\"style\":\"minimal\"}");

        String cursor = as(user).queryParam("limit", 2).get(USAGE).then()
                .statusCode(200)
                .body("items.jobId", contains(third.toString(), second.toString()))
                .body("items.balance", contains(7, 8))
                .body("nextCursor", notNullValue())
                .extract().path("nextCursor");
        as(user).queryParam("limit", 2).queryParam("cursor", cursor).get(USAGE).then()
                .statusCode(200)
                .body("items.kind", contains("hold", "grant"))
                .body("items[0].jobId", equalTo(first.toString()))
                .body("nextCursor", nullValue());
    }

    @Test
    void aLimitOutOfRangeOrAForgedCursorIsA400NamingIt() {
        UUID user = UUID.randomUUID();
        as(user).queryParam("limit", 0).get(USAGE).then()
                .statusCode(400).contentType(Problem.MEDIA_TYPE).body("errors.field", hasItem("limit"));
        as(user).queryParam("limit", 51).get(USAGE).then()
                .statusCode(400).contentType(Problem.MEDIA_TYPE).body("errors.field", hasItem("limit"));
        as(user).queryParam("cursor", "forged").get(USAGE).then()
                .statusCode(400).contentType(Problem.MEDIA_TYPE).body("errors.field", hasItem("cursor"));
    }

    @Test
    void withoutATokenCreditsAreA401Problem() {
        given().get(CREDITS).then().statusCode(401).contentType(Problem.MEDIA_TYPE);
        given().get(USAGE).then().statusCode(401).contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void usersNeverSeeEachOthersCredits() {
        UUID spender = UUID.randomUUID();
        submit(spender, "{\"prompt\":\"a storm\",\"style\":\"vibrant\",\"count\":4}");
        UUID other = UUID.randomUUID();
        assertAccount(other, 10, 0, 0);
        as(other).get(USAGE).then().statusCode(200).body("items.kind", contains("grant"));
    }
}
