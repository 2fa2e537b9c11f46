package io.wayfarer.gateway.edge;

import java.util.List;
import org.springframework.http.HttpHeaders;

/**
 * What the client presented: nothing, one {@code Authorization: Bearer <token>} header, or something
 * else (two headers, another scheme, an empty token) that is refused like a bad token. Tokens in the
 * query string or in cookies are never looked at.
 */
record BearerCredentials(Kind kind, String token) {

    enum Kind { NONE, BEARER, MALFORMED }

    private static final BearerCredentials NONE = new BearerCredentials(Kind.NONE, null);
    private static final BearerCredentials MALFORMED = new BearerCredentials(Kind.MALFORMED, null);
    private static final String SCHEME = "Bearer ";

    static BearerCredentials of(HttpHeaders headers) {
        List<String> values = headers.get(HttpHeaders.AUTHORIZATION);
        if (values == null || values.isEmpty()) {
            return NONE;
        }
        if (values.size() > 1) {
            return MALFORMED;
        }
        String value = values.get(0);
        if (value.length() <= SCHEME.length() || !value.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return MALFORMED;
        }
        String token = value.substring(SCHEME.length());
        if (token.isBlank() || token.indexOf(' ') >= 0 || token.indexOf(',') >= 0) {
            return MALFORMED;
        }
        return new BearerCredentials(Kind.BEARER, token);
    }
}
