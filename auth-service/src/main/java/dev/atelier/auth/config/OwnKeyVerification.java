package dev.atelier.auth.config;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.atelier.auth.service.SigningKeys;
import io.smallrye.jwt.KeyFormat;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.config.JWTAuthContextInfoProvider;

/**
 * Makes smallrye-jwt verify access tokens with this service's own keys, which exist only at runtime (generated
 * or loaded from {@code atelier.auth.key-dir}), so no {@code mp.jwt.verify.publickey.location} can name them.
 * Everything else (issuer, audiences, clock skew, groups) still comes from the {@code mp.jwt.*} configuration;
 * only the key source is replaced, by the same JWK set the service publishes, so a token is accepted here
 * exactly when the other services would accept it: its {@code kid} must name a published key.
 */
@ApplicationScoped
public class OwnKeyVerification {

    @Produces
    @Alternative
    @Priority(1)
    @ApplicationScoped
    JWTAuthContextInfo verifyWithOwnKeys(JWTAuthContextInfoProvider fromConfig, SigningKeys keys,
            ObjectMapper json) throws JsonProcessingException {
        JWTAuthContextInfo info = fromConfig.getContextInfo();
        info.setPublicKeyLocation(null);
        info.setPublicVerificationKey(null);
        info.setPublicKeyContent(json.writeValueAsString(keys.jwks()));
        info.setKeyFormat(KeyFormat.JWK);
        return info;
    }
}
