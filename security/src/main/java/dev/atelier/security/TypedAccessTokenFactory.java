package dev.atelier.security;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * smallrye-jwt's verification (signature with RS256 only, {@code kid} from the JWKS, {@code iss}, {@code aud},
 * {@code exp} with the configured skew), preceded by the check smallrye-jwt has no setting for: the token must be
 * typed {@code at+jwt}. Every service that depends on this module verifies tokens this way.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class TypedAccessTokenFactory extends DefaultJWTCallerPrincipalFactory {

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo authContextInfo) throws ParseException {
        if (!AccessTokenType.isAccessToken(token)) {
            throw new ParseException("The token is not typed " + AccessTokenType.TYP);
        }
        return super.parse(token, authContextInfo);
    }
}
