package io.wayfarer.rbac.access;

import io.wayfarer.platform.problem.ProblemException;
import io.wayfarer.platform.problem.ProblemType;

/**
 * Strong ETags from an entity's optimistic-lock version ({@code "3"}), and the If-Match check of
 * PUT, PATCH and DELETE: optional, but when sent it must name the current version (else 412).
 */
public final class EntityTags {

    private EntityTags() {
    }

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    public static void checkIfMatch(String ifMatch, long currentVersion) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return;
        }
        for (String tag : ifMatch.split(",")) {
            if (tag.trim().equals(of(currentVersion))) {
                return;
            }
        }
        throw ProblemException.of(ProblemType.PRECONDITION_FAILED,
                "The resource has changed since you read it (current ETag " + of(currentVersion) + ").");
    }

    /** Whether an If-None-Match header names this tag (weak comparison, as RFC 9110 asks for GET). */
    public static boolean noneMatchHits(String ifNoneMatch, String tag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String trimmed = candidate.trim();
            if (trimmed.equals("*") || trimmed.equals(tag) || trimmed.equals("W/" + tag)) {
                return true;
            }
        }
        return false;
    }
}
