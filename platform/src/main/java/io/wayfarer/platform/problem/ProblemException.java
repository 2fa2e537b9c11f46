package io.wayfarer.platform.problem;

import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A domain failure that answers with a given problem. Thrown from anywhere in a servlet
 * service; {@link ProblemDetailsAdvice} completes and writes it.
 */
public class ProblemException extends ErrorResponseException {

    public ProblemException(ProblemDetail problem) {
        super(HttpStatusCode.valueOf(problem.getStatus()), problem, null);
    }

    public static ProblemException of(ProblemType type, String detail) {
        return new ProblemException(Problems.of(type, detail));
    }

    /** A service-specific kind, e.g. {@code account-disabled}, with its own stable type URI. */
    public static ProblemException custom(String slug, String title, HttpStatus status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(ProblemType.uri(slug));
        problem.setTitle(title);
        return new ProblemException(problem);
    }

    public static ProblemException validation(List<FieldViolation> violations) {
        return new ProblemException(Problems.validationFailed(violations));
    }

    public static ProblemException validation(String field, String message) {
        return validation(List.of(new FieldViolation(field, message)));
    }

    /** Adds a response header, e.g. {@code WWW-Authenticate} or {@code Retry-After}. */
    public ProblemException withHeader(String name, String value) {
        getHeaders().set(name, value);
        return this;
    }

    public URI type() {
        return getBody().getType();
    }
}
