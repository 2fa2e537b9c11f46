package io.wayfarer.chat.conversation;

import java.util.UUID;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** catalog-service's public expert card (only the fields chat needs). */
@FeignClient(name = "catalog-service", contextId = "catalogExperts", path = "/v1")
interface CatalogClient {

    @GetMapping("/experts/{id}")
    ExpertCard expert(@PathVariable("id") long expertId);

    record ExpertCard(long id, String displayName, UUID userId) {
    }
}
