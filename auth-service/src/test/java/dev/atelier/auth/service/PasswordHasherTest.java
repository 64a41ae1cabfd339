package dev.atelier.auth.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import dev.atelier.auth.config.AuthConfig;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.vertx.core.Vertx;

class PasswordHasherTest {
    private static final String PASSWORD = "correct horse battery staple";

    @Test
    void hashesAreArgon2idPhcStringsWithTheConfiguredCost() {
        PasswordHasher hasher = hasher(Map.of());

        String hash = hasher.hash(PASSWORD).await().indefinitely();

        assertTrue(hash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), hash);
        assertNotEquals(hash, hasher.hash(PASSWORD).await().indefinitely(), "every hash has its own salt");
    }

    @Test
    void onlyTheRightPasswordVerifies() {
        PasswordHasher hasher = hasher(Map.of());
        String hash = hasher.hash(PASSWORD).await().indefinitely();

        assertTrue(hasher.verify(PASSWORD, hash).await().indefinitely());
        assertFalse(hasher.verify(PASSWORD + " ", hash).await().indefinitely());
        assertFalse(hasher.verifyNothing(PASSWORD).await().indefinitely());
    }

    @Test
    void raisingTheCostKeepsExistingHashesValid() {
        String oldHash = hasher(Map.of()).hash(PASSWORD).await().indefinitely();

        PasswordHasher stronger = hasher(Map.of("atelier.auth.argon2.iterations", "3"));

        assertTrue(stronger.hash(PASSWORD).await().indefinitely().contains("t=3"));
        assertTrue(stronger.verify(PASSWORD, oldHash).await().indefinitely());
    }

    @Test
    void theDefaultsAreOwasps() {
        AuthConfig.Argon2 defaults = new SmallRyeConfigBuilder().withMapping(AuthConfig.class).build()
                .getConfigMapping(AuthConfig.class).argon2();

        assertEquals(19456, defaults.memoryKib());
        assertEquals(2, defaults.iterations());
        assertEquals(1, defaults.parallelism());
    }

    @Test
    void hashingRunsOffTheEventLoopAndResumesOnTheCallersContext() throws Exception {
        AtomicReference<Thread> hashedOn = new AtomicReference<>();
        PasswordHasher hasher = new PasswordHasher(config(Map.of())) {
            @Override
            String hashNow(String password) {
                hashedOn.set(Thread.currentThread());
                return super.hashNow(password);
            }
        };
        Vertx vertx = Vertx.vertx();
        try {
            CompletableFuture<Thread> resumedOn = new CompletableFuture<>();
            AtomicReference<Thread> calledOn = new AtomicReference<>();
            vertx.getOrCreateContext().runOnContext(ignored -> {
                calledOn.set(Thread.currentThread());
                hasher.hash(PASSWORD).subscribe().with(hash -> resumedOn.complete(Thread.currentThread()),
                        resumedOn::completeExceptionally);
            });

            Thread resumed = resumedOn.get(1, TimeUnit.MINUTES);

            assertTrue(calledOn.get().getName().startsWith("vert.x-eventloop"), calledOn.get().getName());
            assertTrue(hashedOn.get().getName().startsWith("argon2-"), hashedOn.get().getName());
            assertSame(calledOn.get(), resumed);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES);
        }
    }

    private static PasswordHasher hasher(Map<String, String> properties) {
        return new PasswordHasher(config(properties));
    }

    private static AuthConfig config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .withMapping(AuthConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .build()
                .getConfigMapping(AuthConfig.class);
    }
}
