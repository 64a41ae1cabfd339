package dev.atelier.image.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.atelier.image.Fixtures.PATIENCE;
import static dev.atelier.image.Fixtures.as;
import static dev.atelier.image.Fixtures.produce;
import static dev.atelier.image.Fixtures.submit;
import static dev.atelier.image.webhook.WebhookEndpointsTest.WEBHOOKS;
import static org.awaitility.Awaitility.await;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.atelier.events.Topics;
import dev.atelier.image.JobEvents;
import dev.atelier.image.KafkaAndDatabaseTest;
import dev.atelier.testinfra.RealInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A job that ends wakes the deliverer (the job-events notification of its commit): with the poll an hour apart,
 * the webhook still leaves at once.
 */
@QuarkusTest
@TestProfile(WebhookWakeUpTest.HourlyPoll.class)
@QuarkusTestResource(value = RealInfraResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealInfraResource.DATABASE, value = "image"))
class WebhookWakeUpTest extends KafkaAndDatabaseTest {
    private static WireMockServer receiver;

    public static class HourlyPoll implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("atelier.image.webhooks.poll-interval", "1h");
        }
    }

    @BeforeAll
    static void startReceiver() {
        receiver = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        receiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.stop();
    }

    @Test
    void aFinishedJobsWebhookLeavesWithoutWaitingForThePoll() {
        UUID user = UUID.randomUUID();
        String path = "/hook/" + UUID.randomUUID();
        receiver.stubFor(post(urlPathEqualTo(path)).willReturn(aResponse().withStatus(200)));
        as(user).body(Map.of("url", receiver.baseUrl() + path)).post(WEBHOOKS).then().statusCode(201);
        UUID job = submit(user, "{\"prompt\":\"a paper boat\",\"style\":\"minimal\"}");

        produce(kafka, mapper, Topics.GENERATION_COMPLETED, JobEvents.completed(user, job, 1));

        await().atMost(PATIENCE).until(() -> receiver.findAll(postRequestedFor(urlPathEqualTo(path))).size() == 1);
    }
}
