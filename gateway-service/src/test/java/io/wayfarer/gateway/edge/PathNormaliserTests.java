package io.wayfarer.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PathNormaliserTests {

    @ParameterizedTest
    @ValueSource(strings = {
            "/", "/v1/trips", "/v1/trips/", "/v1/trips/42", "/v1/users/7/roles", "/.well-known/jwks.json",
            "/v1/about/catalog-service", "/v1/trips/kyoto-in-autumn", "/v1/destinations/S%C3%A3o%20Paulo",
            "/v1/trips/a+b", "/v1/trips/a:b@c", "/v1/trips/..foo", "/v1/trips/...", "/v1/trips/.hidden"})
    void canonicalPathsPassUnchanged(String path) throws RejectedPathException {
        assertThat(PathNormaliser.normalise(path).encoded()).isEqualTo(path);
    }

    @ParameterizedTest
    @CsvSource({
            "/v1/%74rips/42, /v1/trips/42, /v1/trips/42",
            "/%69nternal/x, /internal/x, /internal/x",
            "/v1/destinations/S%c3%a3o%20Paulo, /v1/destinations/São Paulo, /v1/destinations/S%C3%A3o%20Paulo",
            "/v1/trips/a%3Fb, /v1/trips/a?b, /v1/trips/a%3Fb"})
    void decodesOnceAndReencodesCanonically(String raw, String decoded, String encoded) throws RejectedPathException {
        CanonicalPath path = PathNormaliser.normalise(raw);
        assertThat(path.decoded()).isEqualTo(decoded);
        assertThat(path.encoded()).isEqualTo(encoded);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // dot segments, plain and encoded in every mix
            "/v1/../internal/x", "/v1/about/%2e%2e/internal", "/v1/about/%2E%2E/internal", "/v1/about/.%2e/internal",
            "/v1/trips/../../internal/x", "/./internal/x", "/v1/trips/.", "/v1/trips/..", "/v1/%2e/trips",
            // double slashes
            "//internal/x", "/v1//trips", "///", "/v1/trips//",
            // encoded slash and backslash, literal backslash
            "/v1/trips/..%2finternal", "/%2finternal/x", "/v1%2Finternal", "/v1/trips/%5c..%5cinternal",
            "/v1/trips\\..\\internal", "/v1/trips/%5C",
            // matrix parameters, plain and encoded
            "/internal;x/y", "/v1/trips;jsessionid=1/42", "/v1/trips/..;/internal", "/v1/trips%3b/x",
            // control characters and NUL
            "/v1/trips%00/x", "/v1/trips/%0d%0aX-Evil:1", "/v1/trips/%7f", "/v1/trips/\t", "/v1/trips/%c2%85",
            // double encoding
            "/%2569nternal/x", "/v1/about/%252e%252e/internal", "/v1/trips/%25",
            // broken escapes and invalid UTF-8
            "/v1/trips/%zz", "/v1/trips/%4", "/v1/trips/%", "/v1/trips/%c3%28", "/v1/trips/%ff",
            // raw non-ASCII and relative forms
            "/v1/trips/ü", "v1/trips", "*"})
    void rejectsEveryAmbiguousForm(String path) {
        assertThatThrownBy(() -> PathNormaliser.normalise(path)).isInstanceOf(RejectedPathException.class);
    }

    @Test
    void saysWhyItRejects() {
        assertThatThrownBy(() -> PathNormaliser.normalise("/v1/%2e%2e/internal")).hasMessageContaining("'..'");
        assertThatThrownBy(() -> PathNormaliser.normalise("/%2569nternal/x")).hasMessageContaining("double encoding");
        assertThatThrownBy(() -> PathNormaliser.normalise("/a%2fb")).hasMessageContaining("encoded '/'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/internal", "/internal/", "/internal/x", "/INTERNAL/x", "/Internal/users/1", "/iNtErNaL",
            "/fallback/catalog-service", "/FALLBACK"})
    void refusesInternalAndFallbackPathsInAnyCase(String decodedPath) {
        assertThat(PathNormalisationFilter.isRefused(decodedPath)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/internal", "/internals", "/v1/trips/internal/x", "/internal-docs", "/fallbacks"})
    void doesNotRefuseLookAlikes(String decodedPath) {
        assertThat(PathNormalisationFilter.isRefused(decodedPath)).isFalse();
    }
}
