package io.wayfarer.gateway.routing;

import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The services whose OpenAPI document the gateway serves at {@code GET /v1/api-docs/<service>}
 * ({@code wayfarer.gateway.api-docs.services}, variable {@code GATEWAY_API_DOCS_SERVICES}): each is
 * routed to {@code lb://<service>/v3/api-docs}; any other name is not routed (404). List only services
 * that serve springdoc's document there without credentials.
 */
@Validated
@ConfigurationProperties("wayfarer.gateway.api-docs")
public record ApiDocsProperties(@DefaultValue("catalog-service") @NotNull List<String> services) {
}
