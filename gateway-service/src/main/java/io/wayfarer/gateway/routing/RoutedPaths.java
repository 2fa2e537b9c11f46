package io.wayfarer.gateway.routing;

import java.util.List;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The paths some service answers (the patterns of {@link ServiceRoutes}, matched on the same request
 * path as the route predicates), for the edge's access decision: the RBAC policy decides every routed
 * path; a path no route serves is answered 404 by the gateway whatever the credentials.
 */
@Component
public class RoutedPaths {

    private final List<PathPattern> patterns = ServiceRoutes.ALL.stream()
            .flatMap(route -> route.paths().stream())
            .map(PathPatternParser.defaultInstance::parse)
            .toList();

    public boolean isRouted(PathContainer path) {
        for (PathPattern pattern : patterns) {
            if (pattern.matches(path)) {
                return true;
            }
        }
        return false;
    }
}
