package dev.atelier.image.messaging;

import static dev.atelier.image.AccountEvents.ADMIN;
import static dev.atelier.image.AccountEvents.apply;
import static dev.atelier.image.AccountEvents.granted;
import static dev.atelier.image.AccountEvents.tierChanged;
import static dev.atelier.image.Credits.CREDITS;
import static dev.atelier.image.Credits.USAGE;
import static dev.atelier.image.Credits.assertAccount;
import static dev.atelier.image.Credits.usageRows;
import static dev.atelier.image.Fixtures.PATIENCE;
import static dev.atelier.image.Fixtures.as;
import static dev.atelier.image.Fixtures.count;
import static dev.atelier.image.Fixtures.header;
import static dev.atelier.image.Fixtures.produce;
import static dev.atelier.image.Fixtures.recordsOf;
import static dev.atelier.image.Fixtures.submit;
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

import dev.atelier.events.CreditsGranted;
import dev.atelier.events.Event;
import dev.atelier.events.Topics;
import dev.atelier.image.KafkaAndDatabaseTest;
import dev.atelier.testinfra.RealInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;

/** An admin's credits.granted: extra credits for this period, logged with the reason and the admin, once per event. */
@QuarkusTest
@QuarkusTestResource(value = RealInfraResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealInfraResource.DATABASE, value = "image"))
class CreditsGrantedTest extends KafkaAndDatabaseTest {
    private static final String ONE_IMAGE = "{\"prompt\":\"a heron on the house\",\"style\":\"realistic\"}";

    @Test
    void aGrantAddsToWhatTheUserCanSpendThisPeriod() {
        UUID user = UUID.randomUUID();
        submit(user, ONE_IMAGE);

        applyEvent(Topics.CREDITS_GRANTED, granted(user, 25, "sorry for the outage"));

        assertAccount(user, 35, 0, 1);
        as(user).get(CREDITS).then().body("granted", equalTo(25)).body("tier", equalTo("free"));
        as(user).get(USAGE).then().statusCode(200)
                .body("items[0].kind", equalTo("grant"))
                .body("items[0].amount", equalTo(25))
                .body("items[0].balance", equalTo(34))
                .body("items[0].reason", equalTo("sorry for the outage"));
        assertEquals(1, count(db, "select count(*) from usage_logs where user_id = ? and kind = 'grant'"
                + " and amount = 25 and admin_id = ? and reason = 'sorry for the outage'", user, ADMIN));
        JsonNode snapshot = creditsChanged(user, 35);
        assertEquals("grant", snapshot.get("reason").asText());
        assertEquals(34, snapshot.get("remaining").asInt());
    }

    @Test
    void theSameGrantDeliveredTwiceIsAppliedOnce() {
        UUID user = UUID.randomUUID();
        CreditsGranted grant = granted(user, 25, "once");
        applyEvent(Topics.CREDITS_GRANTED, grant);
        produce(kafka, mapper, Topics.CREDITS_GRANTED, grant);
        // Same key, same partition: once a later grant is applied, the redelivery before it was too.
        applyEvent(Topics.CREDITS_GRANTED, granted(user, 1, "marker"));

        assertEquals(List.of("grant 10 10", "grant 25 35", "grant 1 36"), usageRows(db, user));
        assertAccount(user, 36, 0, 0);
    }

    @Test
    void aGrantLastsThroughATierChangeOfTheSamePeriod() {
        UUID user = UUID.randomUUID();
        applyEvent(Topics.CREDITS_GRANTED, granted(user, 25, "before the upgrade"));
        applyEvent(Topics.TIER_CHANGED, tierChanged(user, "free", "basic"));

        assertAccount(user, 225, 0, 0);
        as(user).get(CREDITS).then().body("granted", equalTo(25)).body("tier", equalTo("basic"));
    }

    @Test
    void aGrantOfNoCreditsGoesToTheDeadLetterTopicAndChangesNothing() {
        UUID user = UUID.randomUUID();
        produce(kafka, mapper, Topics.CREDITS_GRANTED, granted(user, 0, "nothing"));

        ConsumerTask<String, String> dead = recordsOf(kafka, Topics.dlq(Topics.CREDITS_GRANTED), user)
                .awaitRecords(1, PATIENCE);
        ConsumerRecord<String, String> record = dead.getFirstRecord();
        dead.close();
        assertNotNull(header(record, "dead-letter-reason"));
        assertEquals(0, count(db, "select count(*) from credit_accounts where user_id = ?", user));
    }

    /** The user's CreditsChanged snapshot with that total, once it is on credits.changed. */
    private JsonNode creditsChanged(UUID user, int total) {
        ConsumerTask<String, String> records = recordsOf(kafka, Topics.CREDITS_CHANGED, user);
        try {
            await().atMost(PATIENCE).until(() -> records.getRecords().stream()
                    .anyMatch(record -> read(record.value()).get("total").asInt() == total));
            return records.getRecords().stream().map(record -> read(record.value()))
                    .filter(event -> event.get("total").asInt() == total)
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
