package io.wayfarer.payment;

import io.wayfarer.platform.problem.ProblemException;
import io.wayfarer.platform.problem.ProblemType;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Tomcat parses query and form parameters lazily and throws when their percent-encoding is broken
 * ({@code ?limit=%%%}): that is the client's mistake, a 400, not a 500. (A candidate for platform's
 * ProblemDetailsAdvice.)
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class MalformedParameters {

    @ExceptionHandler(InvalidParameterException.class)
    ErrorResponse malformed(InvalidParameterException e) {
        return ProblemException.of(ProblemType.MALFORMED_REQUEST, "The request's parameters are not correctly encoded.");
    }
}
