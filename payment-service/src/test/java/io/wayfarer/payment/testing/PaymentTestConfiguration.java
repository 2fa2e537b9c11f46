package io.wayfarer.payment.testing;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import io.wayfarer.platform.identity.AccessTokenVerifier;
import io.wayfarer.platform.identity.AccessTokens;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Tokens signed by {@link TestIdentity}'s key verify (instead of auth-service's JWKS). */
@TestConfiguration(proxyBeanMethods = false)
public class PaymentTestConfiguration {

    @Bean
    AccessTokenVerifier accessTokenVerifier() {
        return new AccessTokenVerifier(new ImmutableJWKSet<>(new JWKSet(TestIdentity.KEY.toPublicJWK())),
                AccessTokens.DEFAULT_ISSUER);
    }
}
