package dev.atelier.bench.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

class Argon2ControlTest {
    private static final String PASSWORD = "bench harness passphrase";
    /** Small parameters keep the test fast; the control takes whatever the hash says. */
    private static final String HASH = Password.hash(PASSWORD).addRandomSalt(16)
            .with(Argon2Function.getInstance(64, 1, 1, 32, Argon2.ID)).getResult();

    @Test
    void verifiesThePasswordAgainstTheStoredHashWithTheHashsOwnParameters() {
        try (Argon2Control control = new Argon2Control(PASSWORD, HASH, 1)) {
            assertEquals(Boolean.TRUE, control.call().start().toCompletableFuture().join());
        }
        assertEquals(new Argon2Parameters("argon2id", 64, 1, 1), Argon2Parameters.ofHash(HASH));
    }

    @Test
    void aHashThatDoesNotVerifyIsAnErrorNotACheapAnswer() {
        try (Argon2Control control = new Argon2Control("another passphrase", HASH, 2)) {
            assertThrows(CompletionException.class, () -> control.call().start().toCompletableFuture().join());
        }
    }
}
