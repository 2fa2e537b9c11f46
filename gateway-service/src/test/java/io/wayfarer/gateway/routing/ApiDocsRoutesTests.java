package io.wayfarer.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The OpenAPI routes built from the allow-list: one exact path per listed service, and nothing else. */
class ApiDocsRoutesTests {

    @Test
    void oneExactRoutePerListedService() {
        List<ServiceRoute> routes = ServiceRoutes.with(new ApiDocsProperties(List.of("catalog-service", " payment-service", "")));

        assertThat(routes).hasSize(ServiceRoutes.ALL.size() + 2);
        ServiceRoute catalog = routes.get(ServiceRoutes.ALL.size());
        assertThat(catalog.paths()).containsExactly("/v1/api-docs/catalog-service");
        assertThat(catalog.uri()).isEqualTo("lb://catalog-service");
        assertThat(catalog.targetPath()).isEqualTo("/v3/api-docs");
        assertThat(catalog.service()).isEqualTo("catalog-service");
        assertThat(catalog.resilient()).isTrue();
    }

    @Test
    void aNameThatIsNotAServiceIdFailsTheStart() {
        for (String name : new String[] {"../internal", "catalog-service/**", "*", "Catalog-Service", "catalog service", "{service}"}) {
            assertThatThrownBy(() -> ServiceRoutes.with(new ApiDocsProperties(List.of(name))))
                    .as(name).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
