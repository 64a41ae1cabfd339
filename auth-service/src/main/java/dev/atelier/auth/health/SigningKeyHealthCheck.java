package dev.atelier.auth.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import dev.atelier.auth.service.SigningKeys;

/** Ready once a signing key is loaded or generated; reports its kid so operators can match it with the JWKS. */
@Readiness
@ApplicationScoped
public class SigningKeyHealthCheck implements HealthCheck {
    private final SigningKeys keys;

    public SigningKeyHealthCheck(SigningKeys keys) {
        this.keys = keys;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("signing-key").up()
                .withData("kid", keys.active().kid())
                .withData("published", keys.published().size())
                .build();
    }
}
