package io.wayfarer.recommend.trip;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** catalog-service's public trip read, for trips the local projection has not seen yet. */
@FeignClient(name = "catalog-service", contextId = "catalog", configuration = CatalogErrors.class)
interface CatalogClient {

    @GetMapping("/v1/trips/{id}")
    Trip trip(@PathVariable("id") long tripId);

    record Trip(long id, String title, Long destinationId, BigDecimal price, String currency, String coverImageUrl,
            String status, List<String> tags, BigDecimal averageRating, Long reviewCount, Instant createdAt,
            long version) {
    }
}
