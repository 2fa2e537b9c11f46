package io.wayfarer.payment.testing;

import io.wayfarer.platform.identity.AccessTokenVerifier;
import io.wayfarer.platform.testing.TestTokens;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Tokens signed by {@link TestTokens}' key verify (instead of auth-service's JWKS). */
@TestConfiguration(proxyBeanMethods = false)
public class PaymentTestConfiguration {

    @Bean
    AccessTokenVerifier accessTokenVerifier() {
        return TestTokens.verifier();
    }
}
