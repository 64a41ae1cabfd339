package dev.atelier.bench.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class Argon2ParametersTest {

    @Test
    void readsTheParametersAStoredHashWasMadeWith() {
        Argon2Parameters parameters = Argon2Parameters.ofHash(
                "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g");

        assertEquals(new Argon2Parameters("argon2id", 19456, 2, 1), parameters);
        assertEquals("argon2id m=19456 KiB (19.0 MiB), t=2, p=1", parameters.describe());
    }

    @Test
    void refusesWhatIsNotAnArgon2Hash() {
        assertThrows(IllegalArgumentException.class, () -> Argon2Parameters.ofHash(
                "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW"));
        assertThrows(IllegalArgumentException.class, () -> Argon2Parameters.ofHash("$argon2id$v=19$m=19456"));
    }

    @Test
    void readsTheConfiguredParametersWithTheProdProfileFirst() {
        Properties properties = new Properties();
        properties.setProperty(Argon2Parameters.MEMORY_KEY, "19456");
        properties.setProperty(Argon2Parameters.ITERATIONS_KEY, "2");
        properties.setProperty(Argon2Parameters.PARALLELISM_KEY, " 1 ");
        properties.setProperty("%prod." + Argon2Parameters.ITERATIONS_KEY, "3");

        assertEquals(Optional.of(new Argon2Parameters("argon2id", 19456, 3, 1)),
                Argon2Parameters.configuredIn(properties));
    }

    @Test
    void configuredParametersAreUnknownWhenAKeyIsMissing() {
        Properties properties = new Properties();
        properties.setProperty(Argon2Parameters.MEMORY_KEY, "19456");

        assertTrue(Argon2Parameters.configuredIn(properties).isEmpty());
    }
}
