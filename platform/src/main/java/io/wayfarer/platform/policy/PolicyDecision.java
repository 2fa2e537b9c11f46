package io.wayfarer.platform.policy;

import java.util.List;

/**
 * The answer to "may these roles call this method on this path?".
 *
 * @param matchedResource when allowed, the most specific matching resource granted to one of the
 *                        roles; when refused, the most specific matching resource (null if none)
 * @param grantedBy       the roles (among the caller's, ANONYMOUS included) granted that resource;
 *                        empty when refused
 */
public record PolicyDecision(boolean allowed, Outcome outcome, Long matchedResource, List<String> grantedBy) {

    public enum Outcome {
        /** A matching resource is granted to one of the roles. */
        ALLOWED,
        /** Resources match but none is granted to these roles. */
        NOT_GRANTED,
        /** No resource matches: default deny. */
        NO_RESOURCE,
        /** The method is not one of GET/POST/PUT/PATCH/DELETE, or the path is not canonical. */
        NOT_CANONICAL
    }

    static PolicyDecision refused(Outcome outcome, Long matched) {
        return new PolicyDecision(false, outcome, matched, List.of());
    }
}
