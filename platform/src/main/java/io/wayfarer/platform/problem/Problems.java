package io.wayfarer.platform.problem;

import java.net.URI;
import java.util.List;
import org.springframework.http.ProblemDetail;

/** Builds and completes problem bodies so that every service answers with the same shape. */
public final class Problems {

    /** Extension member carrying the request id, so a user can quote it to support. */
    public static final String REQUEST_ID = "requestId";
    /** Extension member of 422 problems: the list of {@link FieldViolation}s. */
    public static final String ERRORS = "errors";

    private Problems() {
    }

    public static ProblemDetail of(ProblemType type, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(type.status(), detail);
        problem.setType(type.uri());
        problem.setTitle(type.title());
        return problem;
    }

    public static ProblemDetail validationFailed(List<FieldViolation> violations) {
        ProblemDetail problem = of(ProblemType.VALIDATION_FAILED, "The request has invalid fields.");
        problem.setProperty(ERRORS, violations);
        return problem;
    }

    /**
     * Gives a problem a Wayfarer type (when it has none), the request path as {@code instance}
     * and the request id.
     */
    public static ProblemDetail complete(ProblemDetail problem, String path, String requestId) {
        if (problem.getType() == null || URI.create("about:blank").equals(problem.getType())) {
            ProblemType type = ProblemType.forStatus(problem.getStatus());
            problem.setType(type.uri());
            if (problem.getTitle() == null || problem.getTitle().isBlank()) {
                problem.setTitle(type.title());
            }
        }
        if (problem.getInstance() == null && path != null) {
            problem.setInstance(URI.create(safePath(path)));
        }
        if (requestId != null) {
            problem.setProperty(REQUEST_ID, requestId);
        }
        return problem;
    }

    private static String safePath(String path) {
        try {
            return URI.create(path).getRawPath();
        } catch (IllegalArgumentException e) {
            return "/";
        }
    }
}
