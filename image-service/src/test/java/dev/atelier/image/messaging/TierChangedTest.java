package dev.atelier.image.messaging;

import static dev.atelier.image.AccountEvents.ADMIN;
import static dev.atelier.image.AccountEvents.apply;
import static dev.atelier.image.AccountEvents.tierChanged;
import static dev.atelier.image.Credits.CREDITS;
import static dev.atelier.image.Credits.assertAccount;
import static dev.atelier.image.Credits.usageRows;
import static dev.atelier.image.Fixtures.BASE;
import static dev.atelier.image.Fixtures.PATIENCE;
import static dev.atelier.image.Fixtures.as;
import static dev.atelier.image.Fixtures.count;
import static dev.atelier.image.Fixtures.header;
import static dev.atelier.image.Fixtures.produce;
import static dev.atelier.image.Fixtures.produceRaw;
import static dev.atelier.image.Fixtures.recordsOf;
import static dev.atelier.image.Fixtures.submit;
import static dev.atelier.image.JobEvents.completed;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.atelier.events.Event;
import dev.atelier.events.TierChanged;
import dev.atelier.events.Topics;
import dev.atelier.image.KafkaAndDatabaseTest;
import dev.atelier.image.TierJwt;
import dev.atelier.testinfra.RealInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;

/**
 * An admin's user.tier-changed: the account takes the new tier's credits and limits at once, keeping what is used and
 * held, even while the user's token still names the old tier.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfraResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealInfraResource.DATABASE, value = "image"))
class TierChangedTest extends KafkaAndDatabaseTest {
    private static final String ONE_IMAGE = "{\"prompt\":\"a heron on a new tier\",\"style\":\"realistic\"}";

    @Test
    void anUpgradeTakesTheNewTiersCreditsAndKeepsWhatIsUsedAndHeld() {
        UUID user = UUID.randomUUID();
        UUID done = submit(user, ONE_IMAGE);
        applyEvent(Topics.GENERATION_COMPLETED, completed(user, done, 1));
        submit(user, ONE_IMAGE);

        TierChanged upgrade = tierChanged(user, "free", "basic");
        applyEvent(Topics.TIER_CHANGED, upgrade);

        // The token still says free.
        as(user).get(CREDITS).then().statusCode(200).body("tier", equalTo("basic"));
        assertAccount(user, 200, 1, 1);
        assertEquals(List.of("grant 10 10", "hold 1 9", "charge 1 9", "hold 1 8", "tier-change 190 198"),
                usageRows(db, user));
        assertEquals(1, count(db, "select count(*) from usage_logs where user_id = ? and kind = 'tier-change'"
                + " and admin_id = ?", user, ADMIN));
        JsonNode snapshot = creditsChanged(user, "tier-change");
        assertEquals("basic", snapshot.get("tier").asText());
        assertEquals(200, snapshot.get("total").asInt());
        assertEquals(1, snapshot.get("used").asInt());
        assertEquals(1, snapshot.get("held").asInt());
        assertEquals(198, snapshot.get("remaining").asInt());
    }

    @Test
    void laterSubmitsFollowTheNewTiersLimitsThoughTheTokenNamesTheOldOne() {
        UUID user = UUID.randomUUID();
        submit(user, ONE_IMAGE);
        applyEvent(Topics.TIER_CHANGED, tierChanged(user, "free", "basic"));

        // free allows 3 unfinished jobs at once, basic 5: the 4th and 5th pass with the old free token.
        for (int job = 2; job <= 5; job++) {
            as(user).body(ONE_IMAGE).post(BASE).then().statusCode(202);
        }
        as(user).body(ONE_IMAGE).post(BASE).then().statusCode(429)
                .body("limit", equalTo("max-concurrent-jobs"))
                .body("allowed", equalTo(5));
        as(user).get(CREDITS).then().body("tier", equalTo("basic"));
    }

    @Test
    void aDowngradeIsNotUndoneByATokenNamingTheOldTier() {
        UUID user = UUID.randomUUID();
        TierJwt.as(user, "premium").get(CREDITS).then().statusCode(200).body("total", equalTo(1000));
        applyEvent(Topics.TIER_CHANGED, tierChanged(user, "premium", "free"));

        TierJwt.as(user, "premium").get(CREDITS).then().statusCode(200)
                .body("tier", equalTo("free"))
                .body("total", equalTo(10));
        for (int job = 1; job <= 3; job++) {
            TierJwt.as(user, "premium").body(ONE_IMAGE).post(BASE).then().statusCode(202);
        }
        TierJwt.as(user, "premium").body(ONE_IMAGE).post(BASE).then().statusCode(429)
                .body("allowed", equalTo(3));
    }

    @Test
    void aDowngradeNeverTakesBackWhatIsUsedOrHeld() {
        UUID user = UUID.randomUUID();
        String fourImages = "{\"prompt\":\"four herons\",\"style\":\"realistic\",\"count\":4}";
        UUID first = submitAs(user, "premium", fourImages);
        UUID second = submitAs(user, "premium", fourImages);
        submitAs(user, "premium", fourImages);
        applyEvent(Topics.GENERATION_COMPLETED, completed(user, first, 4));
        applyEvent(Topics.GENERATION_COMPLETED, completed(user, second, 4));

        applyEvent(Topics.TIER_CHANGED, tierChanged(user, "premium", "free"));

        assertAccount(user, 12, 8, 4);
        assertEquals("tier-change -988 0", usageRows(db, user).get(usageRows(db, user).size() - 1));
        as(user).body(ONE_IMAGE).post(BASE).then().statusCode(402);
    }

    @Test
    void theSameTierChangeDeliveredTwiceIsAppliedOnce() {
        UUID user = UUID.randomUUID();
        submit(user, ONE_IMAGE);
        TierChanged upgrade = tierChanged(user, "free", "premium");
        applyEvent(Topics.TIER_CHANGED, upgrade);
        produce(kafka, mapper, Topics.TIER_CHANGED, upgrade);
        // Same key, same partition: once a later event is applied, the redelivery before it was too.
        applyEvent(Topics.TIER_CHANGED, tierChanged(user, "premium", "premium"));

        assertEquals(List.of("grant 10 10", "hold 1 9", "tier-change 990 999", "tier-change 0 999"),
                usageRows(db, user));
        assertAccount(user, 1000, 0, 1);
    }

    @Test
    void aTierChangeForAUserWithoutAnAccountOpensItWithTheNewTier() {
        UUID user = UUID.randomUUID();
        applyEvent(Topics.TIER_CHANGED, tierChanged(user, "free", "premium"));

        assertEquals(List.of("grant 1000 1000", "tier-change 0 1000"), usageRows(db, user));
        as(user).get(CREDITS).then().statusCode(200)
                .body("tier", equalTo("premium"))
                .body("total", equalTo(1000));
    }

    @Test
    void aTierNotConfiguredHereGoesToTheDeadLetterTopicAndChangesNothing() {
        UUID user = UUID.randomUUID();
        produce(kafka, mapper, Topics.TIER_CHANGED, tierChanged(user, "free", "platinum"));

        ConsumerTask<String, String> dead = recordsOf(kafka, Topics.dlq(Topics.TIER_CHANGED), user)
                .awaitRecords(1, PATIENCE);
        ConsumerRecord<String, String> record = dead.getFirstRecord();
        dead.close();
        assertNotNull(header(record, "dead-letter-reason"));
        assertEquals(0, count(db, "select count(*) from credit_accounts where user_id = ?", user));
        // Later changes still apply.
        produceRaw(kafka, Topics.TIER_CHANGED, user, Topics.TIER_CHANGED, "not json");
        applyEvent(Topics.TIER_CHANGED, tierChanged(user, "free", "basic"));
        assertEquals(1, count(db, "select count(*) from credit_accounts where user_id = ? and tier = 'basic'", user));
    }

    private UUID submitAs(UUID user, String tier, String body) {
        String id = TierJwt.as(user, tier).body(body).post(BASE).then().statusCode(202).extract().path("id");
        return UUID.fromString(id);
    }

    /** The user's CreditsChanged snapshot with that reason, once it is on credits.changed. */
    private JsonNode creditsChanged(UUID user, String reason) {
        ConsumerTask<String, String> records = recordsOf(kafka, Topics.CREDITS_CHANGED, user);
        try {
            await().atMost(PATIENCE).until(() -> records.getRecords().stream()
                    .anyMatch(record -> reason.equals(read(record.value()).get("reason").asText())));
            return records.getRecords().stream().map(record -> read(record.value()))
                    .filter(event -> reason.equals(event.get("reason").asText()))
                    .findFirst().orElseThrow();
        } finally {
            records.close();
        }
    }

    private JsonNode read(String json) {
        try {
            return mapper.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void applyEvent(String topic, Event event) {
        apply(kafka, mapper, db, topic, event);
    }
}
