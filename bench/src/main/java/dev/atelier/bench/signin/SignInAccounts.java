package dev.atelier.bench.signin;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.atelier.bench.AtelierApi.Account;
import dev.atelier.bench.BenchContext;
import dev.atelier.launcher.Service;

/**
 * The accounts {@code signin} signs in as ({@code --accounts}), signed up through the gateway's
 * {@code POST /api/v1/auth/signup} and taken in rotation, each with its correct password; and the password hashes
 * auth-service stored for them (DESIGN.md §4 {@code users.password_hash}), which say which argon2 parameters it used.
 */
final class SignInAccounts {
    private static final String HASHES = "select id, password_hash from users where id = any(?)";

    private final List<Account> accounts;
    private final List<String> signInBodies;
    private final Map<UUID, String> storedHashes;
    private final double signUpSeconds;
    private final AtomicLong next = new AtomicLong();

    private SignInAccounts(List<Account> accounts, Map<UUID, String> storedHashes, double signUpSeconds)
            throws Exception {
        this.accounts = List.copyOf(accounts);
        this.storedHashes = storedHashes;
        this.signUpSeconds = signUpSeconds;
        ObjectMapper json = new ObjectMapper();
        List<String> bodies = new ArrayList<>();
        for (Account account : accounts) {
            bodies.add(json.writeValueAsString(Map.of("email", account.email(), "password", account.password())));
        }
        this.signInBodies = List.copyOf(bodies);
    }

    /**
     * Signs up {@code --accounts} accounts, as many at a time as there are cores (each sign-up hashes a password,
     * which takes a core), then reads their stored hashes.
     */
    static SignInAccounts signUp(BenchContext context) throws Exception {
        int count = context.options().accounts();
        context.log("signing up %d accounts for signin through the API ...", count);
        long started = System.nanoTime();
        ExecutorService threads = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        List<Account> accounts = new ArrayList<>();
        try {
            List<Future<Account>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String name = "Signer" + (i + 1);
                futures.add(threads.submit(() -> context.api().signUp(name)));
            }
            for (Future<Account> future : futures) {
                accounts.add(future.get());
            }
        } finally {
            threads.shutdownNow();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new SignInAccounts(accounts, storedHashes(context, accounts), seconds);
    }

    private static Map<UUID, String> storedHashes(BenchContext context, List<Account> accounts) throws Exception {
        Map<UUID, String> hashes = new LinkedHashMap<>();
        try (Connection connection = context.connect(Service.AUTH.database());
                PreparedStatement query = connection.prepareStatement(HASHES)) {
            Array ids = connection.createArrayOf("uuid", accounts.stream().map(Account::userId).toArray());
            query.setArray(1, ids);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    hashes.put(rows.getObject(1, UUID.class), rows.getString(2));
                }
            }
        }
        if (hashes.size() != accounts.size()) {
            throw new IllegalStateException("auth-service stored " + hashes.size() + " of " + accounts.size()
                    + " signed-up accounts");
        }
        return hashes;
    }

    /** The body of the next account's sign-in with its correct password, in rotation. */
    String nextSignInBody() {
        return signInBodies.get((int) Math.floorMod(next.getAndIncrement(), (long) signInBodies.size()));
    }

    int size() {
        return accounts.size();
    }

    double signUpSeconds() {
        return signUpSeconds;
    }

    /** The first account, whose password and stored hash the in-process controls verify. */
    Account first() {
        return accounts.get(0);
    }

    String storedHash(Account account) {
        return storedHashes.get(account.userId());
    }

    /** The distinct parameters of every stored hash: one entry when auth-service used one configuration. */
    List<Argon2Parameters> storedParameters() {
        return storedHashes.values().stream().map(Argon2Parameters::ofHash).distinct().toList();
    }
}
