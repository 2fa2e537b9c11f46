package io.wayfarer.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.wayfarer.auth.AuthApi.Tokens;
import io.wayfarer.platform.testing.IntegrationTest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /v1/auth/oauth2/providers}: the app's login buttons come from what auth-service has configured —
 * WeChat when its app id and secret are set, every OpenID Connect client with its label — and nothing else.
 * Listing reads configuration only: the issuers below are never contacted. Without WeChat:
 * {@link OidcStandInIntegrationTests#theProviderListIsTheLocalProfilesDemoIdAlone()}.
 */
@IntegrationTest(properties = {
        "wayfarer.auth.wechat.app-id=wx-test-app",
        "wayfarer.auth.wechat.secret=listed-not-shown",
        "wayfarer.auth.oidc.keycloak.issuer-uri=http://localhost:9/realms/wayfarer",
        "wayfarer.auth.oidc.keycloak.client-id=wayfarer-web",
        "wayfarer.auth.oidc.keycloak.label=Company login",
        "wayfarer.auth.oidc.azure-ad.issuer-uri=http://localhost:9/tenant/v2.0",
        "wayfarer.auth.oidc.azure-ad.client-id=wayfarer-web"})
class LoginProvidersIntegrationTests {

    static final String PROVIDERS = "/v1/auth/oauth2/providers";

    @LocalServerPort
    int port;

    AuthApi api;

    @DynamicPropertySource
    static void keys(DynamicPropertyRegistry registry) {
        registry.add("wayfarer.auth.key-encryption-key", AuthFlowIntegrationTests::randomKey);
    }

    @BeforeEach
    void setUp() {
        api = new AuthApi(port);
    }

    @Test
    void anyoneGetsExactlyTheConfiguredProvidersWeChatFirst() {
        HttpResponse<String> listed = api.get(PROVIDERS, null);

        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("application/json"));
        assertThat(listed.headers().firstValue("Cache-Control")).hasValueSatisfying(cache -> assertThat(cache)
                .contains("max-age=60"));
        assertThat(entries(AuthApi.body(listed))).containsExactly(
                "wechat|WeChat|wechat",
                "azure-ad|Azure Ad|oidc", // no label configured: the capitalised name
                "keycloak|Company login|oidc");
        assertThat(AuthApi.body(listed).propertyNames()).containsExactly("items");
        assertThat(AuthApi.body(listed).path("items").get(0).propertyNames())
                .containsExactlyInAnyOrder("name", "label", "type");
    }

    @Test
    void aLoggedInCallerSeesTheSameListAndNoSecretIsInIt() {
        Tokens traveller = api.newTraveller("lister");
        HttpResponse<String> listed = api.get(PROVIDERS, traveller.accessToken());

        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(AuthApi.body(listed)).isEqualTo(AuthApi.body(api.get(PROVIDERS, null)));
        assertThat(listed.body()).doesNotContain("listed-not-shown", "wx-test-app", "wayfarer-web", "localhost:9");
    }

    @Test
    void theListIsNotTakenForAProviderCalledProviders() {
        // the literal path wins over /v1/auth/oauth2/{provider}: no login is started, no state cookie is set
        HttpResponse<String> listed = api.get(PROVIDERS, null);
        assertThat(listed.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(listed.headers().firstValue("Location")).isEmpty();
        // and its callback is no provider's either
        assertThat(api.get(PROVIDERS + "/callback?code=c&state=s", null).statusCode()).isEqualTo(404);
    }

    private static List<String> entries(JsonNode list) {
        List<String> entries = new ArrayList<>();
        list.path("items").forEach(item -> entries.add(item.path("name").asString() + "|"
                + item.path("label").asString() + "|" + item.path("type").asString()));
        return entries;
    }
}
