package io.wayfarer.recommend.trip;

import feign.codec.ErrorDecoder;
import org.springframework.context.annotation.Bean;

/** Feign configuration of {@link CatalogClient} only: a 4xx (not 408/429) is a {@link CatalogRefusal}. */
class CatalogErrors {

    @Bean
    ErrorDecoder catalogErrorDecoder() {
        ErrorDecoder fallback = new ErrorDecoder.Default();
        return (methodKey, response) -> {
            int status = response.status();
            if (status >= 400 && status < 500 && status != 408 && status != 429) {
                return new CatalogRefusal(status);
            }
            return fallback.decode(methodKey, response);
        };
    }
}
