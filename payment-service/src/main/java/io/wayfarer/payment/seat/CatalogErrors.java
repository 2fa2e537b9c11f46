package io.wayfarer.payment.seat;

import feign.Response;
import feign.codec.ErrorDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Feign configuration of {@link CatalogClient} only (not a scanned configuration): a 4xx becomes
 * a {@link CatalogRefusal} carrying the problem's kind; 5xx and 429 stay failures to retry.
 */
class CatalogErrors {

    private static final JsonMapper json = JsonMapper.builder().build();

    @Bean
    ErrorDecoder catalogErrorDecoder() {
        ErrorDecoder fallback = new ErrorDecoder.Default();
        return (methodKey, response) -> {
            int status = response.status();
            if (status >= 400 && status < 500 && status != 429 && status != 408) {
                JsonNode problem = problemOf(response);
                String type = problem.path("type").asString("");
                String kind = type.substring(type.lastIndexOf('/') + 1);
                return new CatalogRefusal(status, kind.isEmpty() ? "status-" + status : kind,
                        problem.path("detail").asString(""));
            }
            return fallback.decode(methodKey, response);
        };
    }

    private static JsonNode problemOf(Response response) {
        if (response.body() == null) {
            return json.createObjectNode();
        }
        try (InputStream body = response.body().asInputStream()) {
            String text = new String(body.readNBytes(16_384), StandardCharsets.UTF_8);
            return text.isBlank() ? json.createObjectNode() : json.readTree(text);
        } catch (IOException | RuntimeException e) {
            return json.createObjectNode();
        }
    }
}
