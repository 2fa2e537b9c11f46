package io.wayfarer.gateway.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The paths some service answers (the patterns of {@link ServiceRoutes}, matched on the same request
 * path as the route predicates), for the edge's access decision: the RBAC policy decides every routed
 * path; a path no route serves is answered 404 by the gateway whatever the credentials.
 *
 * <p>Asked on every request, so the patterns are indexed by their first two segments when both are
 * literal ({@code /v1/users/**} under {@code v1/users}): a request is matched against the few patterns
 * of its own first two segments, and against the patterns that could not be indexed — the same answer
 * as trying them all, with a handful of matches instead of every route's.
 */
@Component
public class RoutedPaths {

    private final Map<String, List<PathPattern>> byPrefix = new HashMap<>();
    private final List<PathPattern> unindexed = new ArrayList<>();

    public RoutedPaths(ApiDocsProperties apiDocs) {
        for (String path : ServiceRoutes.with(apiDocs).stream().flatMap(route -> route.paths().stream()).toList()) {
            PathPattern pattern = PathPatternParser.defaultInstance.parse(path);
            String prefix = literalPrefix(path);
            if (prefix == null) {
                unindexed.add(pattern);
            } else {
                byPrefix.computeIfAbsent(prefix, key -> new ArrayList<>()).add(pattern);
            }
        }
    }

    public boolean isRouted(PathContainer path) {
        List<PathPattern> candidates = byPrefix.get(prefix(path));
        if (candidates != null && matchesAny(candidates, path)) {
            return true;
        }
        return matchesAny(unindexed, path);
    }

    private static boolean matchesAny(List<PathPattern> patterns, PathContainer path) {
        for (PathPattern pattern : patterns) {
            if (pattern.matches(path)) {
                return true;
            }
        }
        return false;
    }

    /** {@code first/second} of a pattern whose first two segments are plain literals; else null. */
    static String literalPrefix(String pattern) {
        String[] segments = pattern.split("/", -1);
        if (segments.length < 3 || !segments[0].isEmpty()) {
            // "/a/b" splits into "", "a", "b"; a one-segment pattern has no second segment to index by
            return null;
        }
        for (int i = 1; i <= 2; i++) {
            String segment = segments[i];
            if (segment.isEmpty() || segment.chars().anyMatch(c -> c == '*' || c == '?' || c == '{' || c == '}' || c == '\\')) {
                return null;
            }
        }
        return segments[1] + "/" + segments[2];
    }

    /** {@code first/second} segments of a request path (decoded), or null when it has fewer. */
    static String prefix(PathContainer path) {
        List<PathContainer.Element> elements = path.elements();
        if (elements.size() < 4 || !(elements.get(1) instanceof PathContainer.PathSegment first)
                || !(elements.get(3) instanceof PathContainer.PathSegment second)) {
            return null;
        }
        return first.valueToMatch() + "/" + second.valueToMatch();
    }
}
