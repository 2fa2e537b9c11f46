package io.wayfarer.platform.identity;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpHeaders;

/**
 * Reads the bearer token of a servlet request: exactly one {@code Authorization: Bearer}
 * header. Tokens in query strings or cookies are never read.
 */
public final class BearerToken {

    private static final String PREFIX = "Bearer ";

    private BearerToken() {
    }

    /** Empty when no Authorization header was sent; 401 when it is not exactly one bearer token. */
    public static Optional<String> of(HttpServletRequest request) {
        List<String> values = request == null ? List.of() : Collections.list(request.getHeaders(HttpHeaders.AUTHORIZATION));
        if (values.isEmpty()) {
            return Optional.empty();
        }
        if (values.size() > 1 || !values.get(0).startsWith(PREFIX)) {
            throw CurrentUserResolver.unauthenticated("Send exactly one bearer token.", "invalid_request");
        }
        return Optional.of(values.get(0).substring(PREFIX.length()).trim());
    }
}
