package dev.atelier.auth.service;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

import dev.atelier.auth.config.AuthConfig;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * argon2id password hashing (password4j). Hashes are PHC strings ({@code $argon2id$v=19$m=…,t=…,p=…$salt$hash})
 * that carry their own parameters, so raising the configured cost never breaks existing hashes.
 * <p>
 * Hashing is deliberately slow and memory-hard, so it never runs on the event loop: it runs on a small pool of
 * its own, bounded so that a burst of sign-ins cannot allocate {@code memory-kib} per request without limit,
 * and the result comes back on the caller's Vert.x context (where Hibernate Reactive needs to continue).
 */
@Startup
@ApplicationScoped
public class PasswordHasher {
    private final Argon2Function argon2;
    private final int saltLength;
    private final SecureRandom random = new SecureRandom();
    private final ExecutorService pool;
    /** Verified against when the email is unknown, so that path costs as much as a wrong password. */
    private final String dummyHash;

    public PasswordHasher(AuthConfig config) {
        AuthConfig.Argon2 params = config.argon2();
        this.argon2 = Argon2Function.getInstance(params.memoryKib(), params.iterations(), params.parallelism(),
                params.hashLength(), Argon2.ID);
        this.saltLength = params.saltLength();
        int threads = params.maxConcurrency().orElse(Runtime.getRuntime().availableProcessors());
        this.pool = Executors.newFixedThreadPool(threads, new NamedDaemonThreads("argon2-"));
        this.dummyHash = hashNow(randomPassword());
    }

    /** The PHC string of {@code password} with a fresh random salt. */
    public Uni<String> hash(String password) {
        return offEventLoop(() -> hashNow(password));
    }

    /** Whether {@code password} matches {@code storedHash}, using the parameters stored in the hash. */
    public Uni<Boolean> verify(String password, String storedHash) {
        return offEventLoop(() -> verifyNow(password, storedHash));
    }

    /** Burns the time of one verification and answers false: for unknown accounts. */
    public Uni<Boolean> verifyNothing(String password) {
        return offEventLoop(() -> {
            verifyNow(password, dummyHash);
            return false;
        });
    }

    /**
     * Whether {@code storedHash} was made with weaker parameters than the configured ones (less memory, fewer
     * iterations, another variant, a shorter output), so it should be replaced by a fresh hash of the password at the
     * next successful sign-in. Unreadable hashes are not ours to judge: false.
     */
    public boolean needsRehash(String storedHash) {
        try {
            Argon2Function stored = Argon2Function.getInstanceFromHash(storedHash);
            return stored.getVariant() != argon2.getVariant()
                    || stored.getMemory() < argon2.getMemory()
                    || stored.getIterations() < argon2.getIterations()
                    || stored.getParallelism() < argon2.getParallelism()
                    || stored.getOutputLength() < argon2.getOutputLength()
                    || stored.getVersion() < argon2.getVersion();
        } catch (RuntimeException unreadable) {
            return false;
        }
    }

    String hashNow(String password) {
        byte[] salt = new byte[saltLength];
        random.nextBytes(salt);
        return Password.hash(password).addSalt(salt).with(argon2).getResult();
    }

    boolean verifyNow(String password, String storedHash) {
        return Password.check(password, storedHash).with(Argon2Function.getInstanceFromHash(storedHash));
    }

    private <T> Uni<T> offEventLoop(Supplier<T> work) {
        Context caller = Vertx.currentContext();
        Uni<T> computed = Uni.createFrom().item(work).runSubscriptionOn(pool);
        return caller == null ? computed : computed.emitOn(task -> caller.runOnContext(ignored -> task.run()));
    }

    private String randomPassword() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    @PreDestroy
    void shutdown() {
        pool.shutdownNow();
    }

    private static final class NamedDaemonThreads implements ThreadFactory {
        private final String prefix;
        private final AtomicInteger count = new AtomicInteger();

        NamedDaemonThreads(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
