package io.wayfarer.auth.login;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.wayfarer.platform.problem.ProblemException;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * {@code wayfarer_auth_logins_total{method=password|external, outcome=ok|failed|disabled}}: a rise in failed
 * password logins is the first sign of credential stuffing (the gateway's brute-force buckets are the second).
 */
@Component
class LoginMetrics {

    private final MeterRegistry registry;

    LoginMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    TokenResponse count(String method, Supplier<TokenResponse> login) {
        try {
            TokenResponse tokens = login.get();
            counter(method, "ok").increment();
            return tokens;
        } catch (ProblemException e) {
            counter(method, e.getStatusCode().value() == 403 ? "disabled" : "failed").increment();
            throw e;
        }
    }

    private Counter counter(String method, String outcome) {
        return Counter.builder("wayfarer.auth.logins").tag("method", method).tag("outcome", outcome)
                .description("Login attempts by outcome").register(registry);
    }
}
