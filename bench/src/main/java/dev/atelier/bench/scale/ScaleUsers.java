package dev.atelier.bench.scale;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.atelier.bench.AtelierApi;
import dev.atelier.bench.AtelierApi.Account;
import dev.atelier.bench.BenchContext;

/**
 * The users {@code scale} submits as, grouped by the partition of {@code generation.requested} their jobs land on
 * (the record key is the user id). Users sign up through the API until every partition has at least one, so the
 * scenario can put the same number of jobs in every partition: the workers then get equal shares, whatever the hash
 * of a few dozen ids would have done.
 */
final class ScaleUsers {
    /** Sign-ups hash passwords with argon2: two at a time keeps both cores busy without queueing in auth. */
    private static final int SIGN_UP_THREADS = 2;
    /** Users per partition at most, looking for one in each: 12 partitions are covered after ~37 on average. */
    private static final int MAX_PER_PARTITION = 20;

    private final AtelierApi api;
    private final Map<Integer, List<Account>> byPartition;
    private final int signedUp;

    private ScaleUsers(AtelierApi api, Map<Integer, List<Account>> byPartition, int signedUp) {
        this.api = api;
        this.byPartition = byPartition;
        this.signedUp = signedUp;
    }

    static ScaleUsers signUp(BenchContext context, int partitions) throws Exception {
        Map<Integer, List<Account>> byPartition = new TreeMap<>();
        int signedUp = 0;
        ExecutorService threads = Executors.newFixedThreadPool(SIGN_UP_THREADS);
        try {
            while (byPartition.size() < partitions) {
                if (signedUp >= partitions * MAX_PER_PARTITION) {
                    throw new IllegalStateException(signedUp + " users cover only " + byPartition.size() + " of "
                            + partitions + " partitions");
                }
                List<Future<Account>> batch = new ArrayList<>();
                for (int i = 0; i < partitions; i++) {
                    String name = "Scaler" + (signedUp + i + 1);
                    batch.add(threads.submit(() -> context.api().signUp(name)));
                }
                for (Future<Account> future : batch) {
                    Account account = future.get();
                    byPartition.computeIfAbsent(Scaling.partition(account.userId().toString(), partitions),
                            p -> new ArrayList<>()).add(account);
                }
                signedUp += batch.size();
            }
        } finally {
            threads.shutdownNow();
        }
        return new ScaleUsers(context.api(), byPartition, signedUp);
    }

    int signedUp() {
        return signedUp;
    }

    /** The {@code n}-th user of {@code partition}, in rotation. */
    Account user(int partition, long n) {
        List<Account> users = byPartition.get(partition);
        return users.get((int) Math.floorMod(n, (long) users.size()));
    }

    /** Signs in again those whose token would expire soon. */
    void refresh() throws Exception {
        for (List<Account> users : byPartition.values()) {
            for (int i = 0; i < users.size(); i++) {
                users.set(i, api.fresh(users.get(i)));
            }
        }
    }
}
