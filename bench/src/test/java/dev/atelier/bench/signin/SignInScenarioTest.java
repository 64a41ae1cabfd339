package dev.atelier.bench.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.atelier.bench.load.Measurement;
import dev.atelier.bench.report.Figure;
import dev.atelier.bench.report.Ratio;
import dev.atelier.bench.report.ScenarioResult;

class SignInScenarioTest {

    @TempDir
    Path root;

    private void packagedAuthService(String properties) throws IOException {
        Path app = Files.createDirectories(root.resolve("auth-service/target/quarkus-app/app"));
        try (ZipOutputStream jar = new ZipOutputStream(Files.newOutputStream(
                app.resolve("auth-service-0.1.0-SNAPSHOT.jar")))) {
            jar.putNextEntry(new ZipEntry("application.properties"));
            jar.write(properties.getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
    }

    @Test
    void readsTheArgon2ParametersThePackagedAuthServiceIsConfiguredWith() throws IOException {
        packagedAuthService("""
                quarkus.http.port=8081
                atelier.auth.argon2.memory-kib=19456
                atelier.auth.argon2.iterations=2
                atelier.auth.argon2.parallelism=1
                """);

        assertEquals(Optional.of(new Argon2Parameters("argon2id", 19456, 2, 1)), SignInScenario.configured(root));
    }

    @Test
    void theConfiguredParametersAreUnknownWithoutAPackagedAuthService() throws IOException {
        assertTrue(SignInScenario.configured(root).isEmpty());
    }

    private static Measurement closed(String name, String mode, long requests, double seconds, double meanMs) {
        return new Measurement(name, mode, null, requests, 0, seconds, requests / seconds, meanMs, meanMs, meanMs,
                meanMs, meanMs, meanMs, null);
    }

    @Test
    void theCeilingIsTheCoresOverOneVerificationAndTheThroughputsAreRatiosToIt() {
        ScenarioResult result = new ScenarioResult("signin");
        result.add(new Measurement("sign-in (200), 10/s", "open 10/s", 10.0, 100, 0, 10, 10, 60, 70, 90, 95, 99,
                62, null));
        Measurement saturation = closed(SignInScenario.SATURATION, "closed ×4", 400, 10, 100);
        Measurement everyCore = closed("control: argon2id verify ×2 threads", "closed ×2", 450, 10, 44);
        Measurement oneVerify = closed(SignInScenario.ONE_VERIFY, "sequential", 250, 10, 40);

        SignInScenario.figures(result, 2, saturation, everyCore, oneVerify);

        // 2 cores / 40 ms = 50 verifications/s at best; the service did 40/s, hashing alone 45/s.
        Figure ceiling = result.figures().stream().filter(f -> f.name().startsWith("ceiling")).findFirst()
                .orElseThrow();
        assertEquals(50, ceiling.value(), 1e-9);
        assertEquals(0.8, rate(result, "saturation / ceiling"), 1e-9);
        assertEquals(40.0 / 45, rate(result, "saturation / in-process ×2 threads"), 1e-9);
        assertEquals(0.9, rate(result, "in-process ×2 threads / ceiling"), 1e-9);
        assertEquals(1.5, result.ratio("sign-in 10/s / one verify", "p50").map(Ratio::value).orElseThrow(), 1e-9);
    }

    private static double rate(ScenarioResult result, String name) {
        List<Ratio> found = result.ratios().stream().filter(r -> r.name().equals(name)).toList();
        assertEquals(1, found.size(), name);
        assertEquals("rate", found.get(0).percentile());
        return found.get(0).value();
    }
}
