package io.wayfarer.gateway.edge;

import io.wayfarer.platform.problem.ProblemType;
import io.wayfarer.platform.problem.Problems;
import java.util.List;
import java.util.Locale;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The first filter that reads the path (see {@link EdgeFilterOrder}). Non-canonical paths are
 * answered 400; {@code /internal/**} (service-to-service APIs) and {@code /fallback/**} (the gateway's
 * own circuit-breaker fallbacks) are answered 404, exactly like a path that does not exist, so the
 * edge does not reveal them. The check is case-insensitive and runs on the decoded path; the request
 * continues with the canonical encoding, so route predicates and services see what was checked.
 */
@Component
class PathNormalisationFilter implements WebFilter, Ordered {

    /** Never reachable from outside, whatever the case. */
    static final List<String> REFUSED_PREFIXES = List.of("/internal", "/fallback");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String raw = exchange.getRequest().getURI().getRawPath();
        CanonicalPath path;
        try {
            path = PathNormaliser.normalise(raw);
        } catch (RejectedPathException e) {
            return Mono.error(new ErrorResponseException(ProblemType.MALFORMED_REQUEST.status(),
                    Problems.of(ProblemType.MALFORMED_REQUEST, "The request path is not canonical: " + e.getMessage() + "."),
                    null));
        }
        if (isRefused(path.decoded())) {
            // rendered exactly like an unknown path, so the answer does not reveal that the path exists
            return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND));
        }
        exchange.getAttributes().put(EdgeRequest.NORMALISED_PATH, path.decoded());
        if (path.encoded().equals(raw)) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange.mutate().request(request -> request.path(path.encoded())).build());
    }

    static boolean isRefused(String decodedPath) {
        String path = decodedPath.toLowerCase(Locale.ROOT);
        return REFUSED_PREFIXES.stream().anyMatch(prefix -> path.equals(prefix) || path.startsWith(prefix + "/"));
    }

    @Override
    public int getOrder() {
        return EdgeFilterOrder.NORMALISE_PATH;
    }
}
