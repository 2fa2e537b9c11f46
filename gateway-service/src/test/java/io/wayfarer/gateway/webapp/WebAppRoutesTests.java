package io.wayfarer.gateway.webapp;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

class WebAppRoutesTests {

    private final WebTestClient client = WebTestClient.bindToRouterFunction(new WebAppRoutes().webAppEntry()).build();

    @Test
    void theRootServesTheAppPageRevalidatedOnEveryLoad() {
        client.get().uri("/").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectHeader().cacheControl(org.springframework.http.CacheControl.noCache())
                .expectBody(String.class).value(body -> org.assertj.core.api.Assertions.assertThat(body)
                        .contains("<script type=\"module\" src=\"/app/main.js\"></script>"));
    }

    @Test
    void aThirdPartyLoginLandsOnTheSamePage() {
        client.get().uri("/?login_code=abc").exchange().expectStatus().isOk();
    }
}
