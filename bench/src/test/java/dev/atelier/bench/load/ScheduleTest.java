package dev.atelier.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class ScheduleTest {

    @Test
    void sendsOneRequestPerIntervalOfTheDuration() {
        Schedule schedule = new Schedule(100, Duration.ofSeconds(15));

        assertEquals(1500, schedule.count());
        assertEquals(0, schedule.offsetNanos(0));
        assertEquals(10_000_000, schedule.offsetNanos(1));
        assertEquals(14_990_000_000L, schedule.offsetNanos(1499));
    }

    @Test
    void spreadsSendTimesEvenlyWhenTheIntervalIsNotWholeNanoseconds() {
        Schedule schedule = new Schedule(3, Duration.ofSeconds(1));

        assertEquals(3, schedule.count());
        assertEquals(333_333_333, schedule.offsetNanos(1));
        assertEquals(666_666_667, schedule.offsetNanos(2));
    }

    @Test
    void countsARequestWhoseIntervalStartsBeforeTheEnd() {
        assertEquals(2, new Schedule(0.5, Duration.ofSeconds(3)).count());
        assertEquals(1, new Schedule(1, Duration.ofMillis(10)).count());
    }

    @Test
    void rejectsRatesAndDurationsThatCannotSchedule() {
        assertThrows(IllegalArgumentException.class, () -> new Schedule(0, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new Schedule(Double.NaN, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new Schedule(10, Duration.ZERO));
    }
}
