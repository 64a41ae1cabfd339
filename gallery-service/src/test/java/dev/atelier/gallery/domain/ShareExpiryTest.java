package dev.atelier.gallery.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShareExpiryTest {

    @Test
    void isoDurationsAndSecondsAreUnderstood() {
        assertEquals(Optional.of(Duration.ofHours(1)), ShareExpiry.parse("PT1H"));
        assertEquals(Optional.of(Duration.ofDays(7)), ShareExpiry.parse("P7D"));
        assertEquals(Optional.of(Duration.ofDays(7)), ShareExpiry.parse("p7d"));
        assertEquals(Optional.of(Duration.ofSeconds(3600)), ShareExpiry.parse("3600"));
        assertEquals(Optional.of(Duration.ofSeconds(90)), ShareExpiry.parse(" 90 "));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "soon", "1.5", "-60", "1h", "PT", "P1Y", "9999999999999999", "60s" })
    void anythingElseIsNotAnExpiry(String value) {
        assertEquals(Optional.empty(), ShareExpiry.parse(value));
    }
}
