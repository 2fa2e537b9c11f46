package io.wayfarer.catalog;

import io.wayfarer.platform.identity.AccessTokenVerifier;
import io.wayfarer.platform.testing.TestTokens;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Tokens signed by {@link TestTokens}' key verify; the cache listener lets tests script interleavings. */
@TestConfiguration(proxyBeanMethods = false)
public class CatalogTestConfiguration {

    @Bean
    AccessTokenVerifier accessTokenVerifier() {
        return TestTokens.verifier();
    }

    @Bean
    ScriptedCacheListener scriptedCacheListener() {
        return new ScriptedCacheListener();
    }
}
