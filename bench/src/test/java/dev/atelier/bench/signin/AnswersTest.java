package dev.atelier.bench.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLSession;

import org.junit.jupiter.api.Test;

import dev.atelier.bench.load.Call;

class AnswersTest {

    private final Answers answers = new Answers();

    /** Answers 200, 200, 429, 401, then fails to answer at all. */
    private final Call server = new Call() {
        private final AtomicInteger calls = new AtomicInteger();

        @Override
        public CompletableFuture<?> start() {
            return switch (calls.getAndIncrement()) {
                case 0, 1 -> CompletableFuture.completedFuture(response(200));
                case 2 -> CompletableFuture.completedFuture(response(429));
                case 3 -> CompletableFuture.completedFuture(response(401));
                default -> CompletableFuture.failedFuture(new IOException("connection refused"));
            };
        }
    };

    @Test
    void countsEveryAnswerByStatusAndThrottlingApart() {
        Call call = answers.expecting(200, "POST /signin", server);
        for (int i = 0; i < 5; i++) {
            call.start().toCompletableFuture().exceptionally(failure -> null).join();
        }

        assertEquals(Map.of("200", 2L, "401", 1L, "429", 1L, Answers.NO_ANSWER, 1L), answers.snapshot());
        assertEquals(1, answers.of(Answers.TOO_MANY_REQUESTS));
    }

    @Test
    void anyStatusButTheExpectedOneIsAnErrorNamingIt() {
        Call call = answers.expecting(200, "POST /signin", server);
        call.start().toCompletableFuture().join();
        call.start().toCompletableFuture().join();

        CompletionException throttled = assertThrows(CompletionException.class,
                () -> call.start().toCompletableFuture().join());
        assertTrue(throttled.getCause().getMessage().startsWith("HTTP 429 for POST /signin"),
                throttled.getCause().getMessage());
    }

    @Test
    void aResetForgetsTheWarmUp() {
        Call call = answers.expecting(200, "POST /signin", server);
        call.start().toCompletableFuture().join();
        answers.reset();

        assertEquals(Map.of(), answers.snapshot());
        assertEquals(0, answers.of("200"));
    }

    private static HttpResponse<String> response(int status) {
        return new HttpResponse<>() {
            @Override
            public int statusCode() {
                return status;
            }

            @Override
            public HttpRequest request() {
                return HttpRequest.newBuilder(uri()).build();
            }

            @Override
            public Optional<HttpResponse<String>> previousResponse() {
                return Optional.empty();
            }

            @Override
            public HttpHeaders headers() {
                return HttpHeaders.of(Map.of(), (name, value) -> true);
            }

            @Override
            public String body() {
                return "{\"status\":" + status + "}";
            }

            @Override
            public Optional<SSLSession> sslSession() {
                return Optional.empty();
            }

            @Override
            public URI uri() {
                return URI.create("http://localhost/api/v1/auth/signin");
            }

            @Override
            public HttpClient.Version version() {
                return HttpClient.Version.HTTP_1_1;
            }
        };
    }
}
