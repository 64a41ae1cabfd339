package dev.atelier.image.rest;

import static dev.atelier.image.Credits.assertAccount;
import static dev.atelier.image.Fixtures.BASE;
import static dev.atelier.image.Fixtures.count;
import static dev.atelier.image.Fixtures.jobsOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.atelier.image.KafkaAndDatabaseTest;
import dev.atelier.testinfra.RealInfraResource;
import dev.atelier.testinfra.TestJwt;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Many submits of one user at the same instant: the account lock admits them one after another, so credits are
 * never overdrawn and no limit is passed (the same holds across replicas: the lock is PostgreSQL's).
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfraResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealInfraResource.DATABASE, value = "image"))
class ConcurrentSubmitTest extends KafkaAndDatabaseTest {
    private static final int PARALLEL = 20;

    @TestHTTPResource(BASE)
    URL generations;

    @Test
    void twentyParallelSubmitsForTenCreditsNeverOverdraw() throws Exception {
        UUID user = UUID.randomUUID();
        int cost = 4;
        Map<Integer, Long> statuses = submitAtOnce(user, "{\"prompt\":\"a crowd\",\"style\":\"vibrant\",\"count\":4}");

        int affordable = 10 / cost;
        assertEquals(Map.of(202, (long) affordable, 402, (long) (PARALLEL - affordable)), statuses);
        assertEquals(affordable, jobsOf(db, user));
        assertAccount(user, 10, 0, affordable * cost);
        assertEquals(affordable,
                count(db, "select count(*) from usage_logs where user_id = ? and kind = 'hold'", user));
        assertEquals(affordable, count(db, "select count(*) from credit_holds where user_id = ?", user));
    }

    @Test
    void twentyParallelSubmitsNeverPassTheConcurrentJobLimit() throws Exception {
        UUID user = UUID.randomUUID();
        Map<Integer, Long> statuses = submitAtOnce(user, "{\"prompt\":\"a swarm\",\"style\":\"minimal\"}");

        int maxConcurrent = 3;
        assertEquals(Map.of(202, (long) maxConcurrent, 429, (long) (PARALLEL - maxConcurrent)), statuses);
        assertEquals(maxConcurrent, jobsOf(db, user));
        assertAccount(user, 10, 0, maxConcurrent);
    }

    /** Sends the same submit {@link #PARALLEL} times at once; returns how many answers had each status. */
    private Map<Integer, Long> submitAtOnce(UUID user, String body) throws Exception {
        String token = TestJwt.forUser(user);
        HttpClient client = HttpClient.newHttpClient();
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<CompletableFuture<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < PARALLEL; i++) {
                answers.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                        HttpRequest request = HttpRequest.newBuilder(URI.create(generations.toString()))
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build();
                        return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, pool));
            }
            start.countDown();
            List<Integer> codes = answers.stream().map(CompletableFuture::join).toList();
            return codes.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        } finally {
            pool.shutdownNow();
        }
    }
}
