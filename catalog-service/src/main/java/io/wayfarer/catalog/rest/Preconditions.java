package io.wayfarer.catalog.rest;

import io.wayfarer.platform.problem.ProblemException;
import io.wayfarer.platform.problem.ProblemType;
import java.util.Arrays;
import java.util.OptionalLong;

/**
 * ETags and conditional requests (RFC 9110 §13), the same for every resource: the ETag is the
 * row's version as a strong tag ({@code "7"}); {@code If-None-Match} on GET gives 304,
 * {@code If-Match} on PUT/PATCH/DELETE gives 412 when it does not name the current version.
 */
public final class Preconditions {

    private Preconditions() {
    }

    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    /** True when the client's copy is current (answer 304). */
    public static boolean notModified(String ifNoneMatch, long version) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        String current = etag(version);
        return Arrays.stream(ifNoneMatch.split(",")).map(String::trim)
                .anyMatch(tag -> tag.equals("*") || tag.equals(current) || tag.equals("W/" + current));
    }

    /**
     * The version an {@code If-Match} header asks for: empty for no header or {@code *}.
     * Anything else that is not one of our tags can never match: 412.
     */
    public static OptionalLong expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return OptionalLong.empty();
        }
        String tag = ifMatch.trim();
        if (tag.contains(",")) {
            tag = tag.substring(0, tag.indexOf(',')).trim();
        }
        if (tag.length() >= 3 && tag.startsWith("\"") && tag.endsWith("\"")) {
            try {
                return OptionalLong.of(Long.parseLong(tag.substring(1, tag.length() - 1)));
            } catch (NumberFormatException ignored) {
                // falls through: a tag we never issued
            }
        }
        return OptionalLong.of(Long.MIN_VALUE);
    }

    /** 412 unless the row is at the version the client saw. */
    public static void check(OptionalLong expected, long actual) {
        if (expected.isPresent() && expected.getAsLong() != actual) {
            throw ProblemException.of(ProblemType.PRECONDITION_FAILED,
                    "The resource changed since you read it (ETag " + etag(actual) + "); read it again.")
                    .withHeader("ETag", etag(actual));
        }
    }
}
