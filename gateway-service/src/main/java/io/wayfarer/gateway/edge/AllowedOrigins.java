package io.wayfarer.gateway.edge;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Which pages may open the chat socket: the {@code Origin} of a handshake must be the gateway's own
 * (its host and port equal the {@code Host} header the gateway received; browsers cannot forge either),
 * or one of {@link WebSocketProperties#allowedOrigins()}. An origin that is not a plain
 * {@code http(s)://host[:port]} (e.g. {@code null} from a sandboxed frame or a file) is never allowed.
 */
@Component
class AllowedOrigins {

    /** An origin or an allow-list entry: scheme, host (lower case) and port ({@code -1}: any port). */
    record Origin(String scheme, String host, int port) {

        static final int ANY_PORT = -1;

        /** Null when {@code text} is not a plain {@code http(s)://host[:port]}. */
        static Origin parse(String text, boolean wildcardPort) {
            boolean any = wildcardPort && text.endsWith(":*");
            try {
                URI uri = new URI(any ? text.substring(0, text.length() - 2) : text);
                String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!("http".equals(scheme) || "https".equals(scheme)) || uri.getHost() == null
                        || uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null
                        || uri.getRawPath() != null && !uri.getRawPath().isEmpty()) {
                    return null;
                }
                int port = any ? ANY_PORT : uri.getPort() != -1 ? uri.getPort() : defaultPort(scheme);
                return new Origin(scheme, uri.getHost().toLowerCase(Locale.ROOT), port);
            } catch (URISyntaxException e) {
                return null;
            }
        }

        boolean admits(Origin origin) {
            return scheme.equals(origin.scheme) && host.equals(origin.host) && (port == ANY_PORT || port == origin.port);
        }

        static int defaultPort(String scheme) {
            return "https".equals(scheme) ? 443 : 80;
        }
    }

    private final List<Origin> allowed;
    private final boolean allowSameOrigin;

    AllowedOrigins(WebSocketProperties properties) {
        this.allowed = properties.allowedOrigins().stream()
                .filter(entry -> !entry.isBlank())
                .map(entry -> {
                    Origin origin = Origin.parse(entry.strip(), true);
                    if (origin == null) {
                        throw new IllegalArgumentException("wayfarer.gateway.websocket.allowed-origins: not an origin: " + entry);
                    }
                    return origin;
                })
                .toList();
        this.allowSameOrigin = properties.allowSameOrigin();
    }

    /** {@code host} is the request's {@code Host} header (may be null). */
    boolean allows(String originHeader, String host) {
        Origin origin = Origin.parse(originHeader, false);
        if (origin == null) {
            return false;
        }
        if (allowSameOrigin && host != null && sameAuthority(origin, host)) {
            return true;
        }
        return allowed.stream().anyMatch(entry -> entry.admits(origin));
    }

    private static boolean sameAuthority(Origin origin, String host) {
        Origin own = Origin.parse(origin.scheme() + "://" + host, false);
        return own != null && own.host().equals(origin.host()) && own.port() == origin.port();
    }
}
