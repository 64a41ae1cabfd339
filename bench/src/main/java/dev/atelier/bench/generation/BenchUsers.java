package dev.atelier.bench.generation;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import dev.atelier.bench.AtelierApi;
import dev.atelier.bench.AtelierApi.Account;
import dev.atelier.bench.BenchContext;

/**
 * The users the generation scenarios submit as, signed up through the API, taken in rotation so that per-user
 * limits are not what a run measures. Built once per run ({@code --users}).
 */
public final class BenchUsers {
    /** Sign-ups hash passwords with argon2; two at a time keeps both cores busy without queueing in auth. */
    private static final int SIGN_UP_THREADS = 2;

    private final AtelierApi api;
    private final RoundRobin<Account> accounts;
    private final double signUpSeconds;

    private BenchUsers(AtelierApi api, List<Account> accounts, double signUpSeconds) {
        this.api = api;
        this.accounts = new RoundRobin<>(accounts);
        this.signUpSeconds = signUpSeconds;
    }

    public static BenchUsers signUp(BenchContext context) throws Exception {
        int count = context.options().users();
        long started = System.nanoTime();
        context.log("signing up %d bench users through the API ...", count);
        List<Account> accounts = inParallel(count, i -> context.api().signUp("Bencher" + (i + 1)));
        return new BenchUsers(context.api(), accounts, (System.nanoTime() - started) / 1e9);
    }

    /** The next user in rotation. */
    public Account next() {
        return accounts.next();
    }

    public int size() {
        return accounts.items().size();
    }

    public List<UUID> ids() {
        return accounts.items().stream().map(Account::userId).toList();
    }

    public double signUpSeconds() {
        return signUpSeconds;
    }

    /** Signs in again those whose token would expire during the next measurement. */
    public void refresh() throws Exception {
        List<Account> current = accounts.items();
        accounts.replace(inParallel(current.size(), i -> api.fresh(current.get(i))));
    }

    @FunctionalInterface
    private interface Task {
        Account run(int index) throws Exception;
    }

    private static List<Account> inParallel(int count, Task task) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(SIGN_UP_THREADS);
        try {
            List<Future<Account>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(threads.submit(() -> task.run(index)));
            }
            List<Account> accounts = new ArrayList<>();
            for (Future<Account> future : futures) {
                accounts.add(future.get());
            }
            return accounts;
        } finally {
            threads.shutdownNow();
        }
    }

    /** Items handed out in turn, from any thread; the list can be replaced (renewed tokens) between measurements. */
    static final class RoundRobin<T> {
        private volatile List<T> items;
        private final AtomicLong next = new AtomicLong();

        RoundRobin(List<T> items) {
            replace(items);
        }

        void replace(List<T> replacement) {
            if (replacement.isEmpty()) {
                throw new IllegalArgumentException("nothing to hand out");
            }
            items = List.copyOf(replacement);
        }

        T next() {
            List<T> current = items;
            return current.get((int) Math.floorMod(next.getAndIncrement(), (long) current.size()));
        }

        List<T> items() {
            return items;
        }
    }
}
