package io.wayfarer.recommend.testing;

import io.wayfarer.platform.identity.AccessTokenVerifier;
import io.wayfarer.platform.testing.TestTokens;
import io.wayfarer.recommend.model.Trainer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Tokens signed by {@link TestTokens}' key verify; the test-only trainers can be asked for by name. */
@TestConfiguration(proxyBeanMethods = false)
public class RecommendTestConfiguration {

    @Bean
    AccessTokenVerifier accessTokenVerifier() {
        return TestTokens.verifier();
    }

    @Bean
    Trainer failingTrainer() {
        return TestTrainers.failing();
    }

    @Bean
    Trainer gatedTrainer() {
        return TestTrainers.gated();
    }
}
