package io.wayfarer.platform.problem;

import io.wayfarer.platform.requestid.RequestIdFilter;
import io.wayfarer.platform.web.RequestBodyLimitFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.BindException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every exception a controller lets escape into an RFC 9457 problem: Spring MVC's own
 * exceptions with their proper status, bean validation as 422 with field errors, anything
 * unexpected as a 500 that leaks nothing. Services add their own domain handlers with a higher
 * precedence.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return problem(Problems.validationFailed(violations(ex)), headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldViolation> violations = ex.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream().map(error -> new FieldViolation(
                        result.getMethodParameter().getParameterName(), error.getDefaultMessage())))
                .toList();
        return problem(Problems.validationFailed(violations), headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (causedBy(ex, RequestBodyLimitFilter.BodyTooLargeException.class)) {
            return problem(Problems.of(ProblemType.PAYLOAD_TOO_LARGE, "The request body is too large."),
                    headers, request);
        }
        return problem(Problems.of(ProblemType.MALFORMED_REQUEST, "The request body could not be read."),
                headers, request);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> constraintViolation(ConstraintViolationException ex, WebRequest request) {
        List<FieldViolation> violations = ex.getConstraintViolations().stream()
                .map(v -> new FieldViolation(lastNode(v.getPropertyPath().toString()), v.getMessage()))
                .toList();
        return problem(Problems.validationFailed(violations), new HttpHeaders(), request);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException ex, WebRequest request) {
        return problem(Problems.of(ProblemType.MALFORMED_REQUEST,
                "Parameter '" + ex.getName() + "' has an invalid value."), new HttpHeaders(), request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception ex, WebRequest request) {
        if (databaseUnavailable(ex)) {
            // a restarted or unreachable PostgreSQL (a pooled connection that died with it): the next try can work
            log.warn("Database unavailable: {}", ex.getMessage());
            HttpHeaders headers = new HttpHeaders();
            headers.set(HttpHeaders.RETRY_AFTER, "1");
            return problem(Problems.of(ProblemType.SERVICE_UNAVAILABLE,
                    "The service cannot reach its database right now. Try again shortly."), headers, request);
        }
        log.error("Unhandled exception", ex);
        return problem(Problems.of(ProblemType.INTERNAL_ERROR, "An unexpected error occurred."),
                new HttpHeaders(), request);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        ProblemDetail problem;
        if (body instanceof ProblemDetail detail) {
            problem = detail;
        } else if (ex instanceof ErrorResponse errorResponse) {
            problem = errorResponse.getBody();
        } else {
            problem = Problems.of(ProblemType.forStatus(statusCode.value()), null);
        }
        problem.setStatus(statusCode.value());
        return problem(problem, headers, request);
    }

    private ResponseEntity<Object> problem(ProblemDetail problem, HttpHeaders headers, WebRequest request) {
        HttpServletRequest servletRequest = ((NativeWebRequest) request).getNativeRequest(HttpServletRequest.class);
        if (servletRequest != null) {
            Problems.complete(problem, servletRequest.getRequestURI(), RequestIdFilter.current(servletRequest));
        }
        HttpHeaders responseHeaders = new HttpHeaders();
        responseHeaders.putAll(headers);
        responseHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return ResponseEntity.status(problem.getStatus()).headers(responseHeaders).body(problem);
    }

    /** Names, not classes: the platform must not need spring-tx or JDBC on a service's class path. */
    private static final Set<String> DATABASE_UNAVAILABLE = Set.of(
            "org.springframework.dao.DataAccessResourceFailureException",
            "org.springframework.dao.TransientDataAccessResourceException",
            "org.springframework.transaction.CannotCreateTransactionException",
            "java.sql.SQLTransientConnectionException",
            "java.sql.SQLNonTransientConnectionException",
            "java.sql.SQLRecoverableException");

    /**
     * HikariCP's answer when a statement or rollback runs on a pooled connection it already closed (evicted as
     * broken), with no SQLState: during a PostgreSQL restart, a failed rollback on such a connection is the
     * error that surfaces (Spring lets the rollback's exception override the statement's 08006).
     */
    private static final String POOLED_CONNECTION_CLOSED = "Connection is closed";

    /**
     * Anywhere in the cause chain: a connection failure by type, an SQLState of class 08 (connection exception),
     * or a pooled connection closed under the request.
     */
    static boolean databaseUnavailable(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            for (Class<?> type = cause.getClass(); type != null; type = type.getSuperclass()) {
                if (DATABASE_UNAVAILABLE.contains(type.getName())) {
                    return true;
                }
            }
            if (cause instanceof SQLException sql && (sql.getSQLState() != null && sql.getSQLState().startsWith("08")
                    || POOLED_CONNECTION_CLOSED.equals(sql.getMessage()))) {
                return true;
            }
        }
        return false;
    }

    static List<FieldViolation> violations(BindException ex) {
        return ex.getBindingResult().getFieldErrors().stream()
                .map(error -> new FieldViolation(error.getField(), error.getDefaultMessage()))
                .toList();
    }

    private static boolean causedBy(Throwable ex, Class<? extends Throwable> type) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
