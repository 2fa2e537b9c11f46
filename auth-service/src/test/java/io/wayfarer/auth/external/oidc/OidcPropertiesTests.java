package io.wayfarer.auth.external.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Provider names that are paths of their own are refused at start; every client has a button label. */
class OidcPropertiesTests {

    @Test
    void aProviderMayNotTakeTheNameOfAnotherPathUnderOauth2() {
        for (String reserved : List.of("providers", "exchange", "wechat", "wechat-standin", "oidc-standin")) {
            assertThatIllegalArgumentException().as(reserved)
                    .isThrownBy(() -> new OidcProperties(Map.of(reserved, client(null))))
                    .withMessageContaining("wayfarer.auth.oidc." + reserved);
        }
    }

    @Test
    void aLabelDefaultsToTheCapitalisedName() {
        OidcProperties properties = new OidcProperties(Map.of(
                "keycloak", client(null), "azure-ad", client("  "), "demo-id", client(" Demo ID ")));

        assertThat(properties.oidc().get("keycloak").label()).isEqualTo("Keycloak");
        assertThat(properties.oidc().get("azure-ad").label()).isEqualTo("Azure Ad");
        assertThat(properties.oidc().get("demo-id").label()).isEqualTo("Demo ID");
    }

    @Test
    void anOverlongLabelIsRefusedAtStart() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new OidcProperties(Map.of("keycloak", client("x".repeat(41)))))
                .withMessageContaining("label");
    }

    private static OidcProperties.Client client(String label) {
        return new OidcProperties.Client("https://id.example.com", "wayfarer-web", "secret", null, label);
    }
}
