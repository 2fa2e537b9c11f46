package io.wayfarer.gateway.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;

class WebAppSecurityHeadersTests {

    private final WebAppSecurityHeaders filter = new WebAppSecurityHeaders();

    @Test
    void thePageAndItsModulesGetACspWithoutInlineScriptsAndTheOtherBrowserHeaders() {
        for (String path : new String[] {"/", "/index.html", "/app/main.js", "/app/pages/trip.js", "/app/app.css"}) {
            HttpHeaders headers = headersFor(path);

            String csp = headers.getFirst("Content-Security-Policy");
            assertThat(csp).as(path).contains("script-src 'self'").contains("frame-ancestors 'none'")
                    .contains("object-src 'none'").contains("base-uri 'none'").doesNotContain("unsafe-inline")
                    .doesNotContain("unsafe-eval");
            assertThat(headers.getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(headers.getFirst("Referrer-Policy")).isEqualTo("no-referrer");
            assertThat(headers.getFirst("X-Frame-Options")).isEqualTo("DENY");
            assertThat(headers.getFirst("Permissions-Policy")).contains("camera=()").contains("geolocation=()");
        }
    }

    @Test
    void apiSocketAndKeyAnswersAreLeftToTheServices() {
        for (String path : new String[] {"/v1/trips", "/v2/trips/1", "/ws/chat", "/.well-known/jwks.json", "/actuator/health"}) {
            assertThat(headersFor(path).getFirst("Content-Security-Policy")).as(path).isNull();
        }
    }

    private HttpHeaders headersFor(String path) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get(path));
        filter.filter(exchange, next -> Mono.empty()).block();
        return exchange.getResponse().getHeaders();
    }
}
