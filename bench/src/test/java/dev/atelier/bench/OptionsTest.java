package dev.atelier.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void defaultsAreTheFullSizeRunOfEveryScenario() {
        Options options = Options.parse(new String[0]);

        assertEquals(List.of("all"), options.scenarios());
        assertEquals(1_000_000, options.rows());
        assertEquals(100_000, options.userRows());
        assertEquals(2000, options.deepPage());
        assertEquals(Duration.ofSeconds(15), options.duration());
    }

    @Test
    void readsScenariosAndOptionsInAnyOrder() {
        Options options = Options.parse(new String[] {"--rate", "50", "gallery-list", "--duration", "2.5",
                "--rows", "20000", "--user-rows", "5000", "--deep-page", "100", "--keep"});

        assertEquals(List.of("gallery-list"), options.scenarios());
        assertEquals(50, options.rate());
        assertEquals(Duration.ofMillis(2500), options.duration());
        assertEquals(5000, options.userRows());
        assertEquals(true, options.keep());
    }

    @Test
    void rejectsDataSetsTheScenariosCannotUse() {
        assertThrows(IllegalArgumentException.class, () -> Options.parse(new String[] {"--rows", "1000",
                "--user-rows", "300"}));
        assertThrows(IllegalArgumentException.class, () -> Options.parse(new String[] {"--rows", "20000",
                "--user-rows", "1000", "--deep-page", "51"}));
        assertThrows(IllegalArgumentException.class, () -> Options.parse(new String[] {"--rate", "0"}));
        assertThrows(IllegalArgumentException.class, () -> Options.parse(new String[] {"--rate"}));
        assertThrows(IllegalArgumentException.class, () -> Options.parse(new String[] {"--fast"}));
    }

    @Test
    void knowsWhichScenariosExistAndWhichArePlanned() {
        assertEquals(List.of("signin", "pipeline", "submit", "scale", "gallery-list", "search", "footprint"),
                Scenarios.resolve(List.of("all")).stream().map(Scenario::name).toList());
        assertEquals("search", Scenarios.resolve(List.of("search")).get(0).name());
        assertEquals("pipeline", Scenarios.resolve(List.of("pipeline")).get(0).name());
        assertEquals("signin", Scenarios.resolve(List.of("signin")).get(0).name());
        assertEquals("footprint", Scenarios.resolve(List.of("footprint")).get(0).name());
        assertEquals("scale", Scenarios.resolve(List.of("scale")).get(0).name());
        assertThrows(IllegalArgumentException.class, () -> Scenarios.resolve(List.of("nope")));
    }

    @Test
    void footprintRestartsEachServiceThreeTimesAfterTwoHundredRequestsUnlessTold() {
        Options defaults = Options.parse(new String[0]);
        Options smoke = Options.parse(new String[] {"footprint", "--footprint-restarts", "1",
                "--footprint-requests", "20"});

        assertEquals(3, defaults.footprintRestarts());
        assertEquals(200, defaults.footprintRequests());
        assertEquals(1, smoke.footprintRestarts());
        assertEquals(20, smoke.footprintRequests());
        assertThrows(IllegalArgumentException.class, () -> Options.parse(new String[] {"--footprint-restarts", "0"}));
    }

    @Test
    void theGenerationScenariosDefaultToTheIssuesRatesAndFiftyUsers() {
        Options options = Options.parse(new String[0]);

        assertEquals(List.of(50.0, 200.0, 500.0), options.submitRates());
        assertEquals(50, options.pipelineRate());
        assertEquals(50, options.users());
    }

    @Test
    void readsSubmitRatesAsAListInTheOrderGiven() {
        Options options = Options.parse(new String[] {"submit", "--submit-rates", "200, 20", "--pipeline-rate",
                "10", "--users", "5"});

        assertEquals(List.of(200.0, 20.0), options.submitRates());
        assertEquals(10, options.pipelineRate());
        assertEquals(5, options.users());
        assertEquals(256, Options.parse(new String[0]).maxInFlight());
        assertEquals(32, Options.parse(new String[] {"--max-in-flight", "32"}).maxInFlight());
        assertThrows(IllegalArgumentException.class, () -> Options.parse(new String[] {"--submit-rates", "50,0"}));
        assertThrows(IllegalArgumentException.class, () -> Options.parse(new String[] {"--submit-rates", "50,50"}));
        assertThrows(IllegalArgumentException.class, () -> Options.parse(new String[] {"--submit-rates", "fast"}));
        assertThrows(IllegalArgumentException.class, () -> Options.parse(new String[] {"--users", "0"}));
    }

    @Test
    void signinDefaultsToFewSignInsPerSecondOverAHundredAccounts() {
        Options options = Options.parse(new String[0]);

        assertEquals(List.of(5.0, 10.0, 20.0), options.signinRates());
        assertEquals(100, options.accounts());
        assertEquals(Duration.ofSeconds(10), options.signinBurst());
    }

    @Test
    void readsSigninRatesAccountsAndBurst() {
        Options options = Options.parse(new String[] {"signin", "--signin-rates", "2,4", "--accounts", "8",
                "--signin-burst", "1.5"});

        assertEquals(List.of(2.0, 4.0), options.signinRates());
        assertEquals(8, options.accounts());
        assertEquals(Duration.ofMillis(1500), options.signinBurst());
        assertThrows(IllegalArgumentException.class, () -> Options.parse(new String[] {"--accounts", "0"}));
        assertThrows(IllegalArgumentException.class, () -> Options.parse(new String[] {"--signin-rates", "5,5"}));
        assertThrows(IllegalArgumentException.class, () -> Options.parse(new String[] {"--signin-burst", "0"}));
    }

    @Test
    void scaleDefaultsToOneTwoAndFourWorkersOfOneSlotEach() {
        Options options = Options.parse(new String[0]);

        assertEquals(List.of(1, 2, 4), options.scaleWorkers());
        assertEquals(1, options.scaleConcurrency());
    }

    @Test
    void scaleWorkerCountsAreSortedAndMustIncludeOneWorker() {
        Options options = Options.parse(new String[] {"scale", "--scale-workers", "2,1", "--scale-concurrency", "4"});

        assertEquals(List.of(1, 2), options.scaleWorkers());
        assertEquals(4, options.scaleConcurrency());
        assertThrows(IllegalArgumentException.class, () -> Options.parse(new String[] {"--scale-workers", "2,4"}));
        assertThrows(IllegalArgumentException.class, () -> Options.parse(new String[] {"--scale-workers", "1,1"}));
        assertThrows(IllegalArgumentException.class, () -> Options.parse(new String[] {"--scale-workers", "1,0"}));
        assertThrows(IllegalArgumentException.class, () -> Options.parse(new String[] {"--scale-concurrency", "0"}));
    }
}
