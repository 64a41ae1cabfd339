package dev.atelier.bench.signin;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.password4j.Argon2Function;
import com.password4j.Password;

import dev.atelier.bench.load.Call;

/**
 * The floor of a sign-in: one argon2id verification of a password against a hash auth-service stored, computed in
 * this process with password4j as auth-service computes it (the function is rebuilt from the hash's own parameters),
 * on a pool of {@code threads} threads. A wrong result is an error, so the control cannot get cheap by failing.
 */
final class Argon2Control implements AutoCloseable {
    private final String password;
    private final String storedHash;
    private final Argon2Function function;
    private final ExecutorService pool;

    Argon2Control(String password, String storedHash, int threads) {
        this.password = password;
        this.storedHash = storedHash;
        this.function = Argon2Function.getInstanceFromHash(storedHash);
        AtomicInteger count = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "argon2-control-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** One verification on the pool; completes when it is done. */
    Call call() {
        return () -> CompletableFuture.supplyAsync(() -> {
            if (!Password.check(password, storedHash).with(function)) {
                throw new IllegalStateException("the stored hash did not verify the account's password");
            }
            return Boolean.TRUE;
        }, pool);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
