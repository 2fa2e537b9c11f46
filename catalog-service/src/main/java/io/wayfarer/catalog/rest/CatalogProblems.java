package io.wayfarer.catalog.rest;

import io.wayfarer.platform.problem.ProblemType;
import io.wayfarer.platform.problem.Problems;
import io.wayfarer.platform.requestid.RequestIdFilter;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Storage-level conflicts as 409 problems: a concurrent update won the optimistic lock, or a
 * uniqueness rule (one review per user and trip) was hit by a race the service's check missed.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class CatalogProblems {

    @ExceptionHandler({OptimisticLockingFailureException.class, PessimisticLockingFailureException.class})
    ResponseEntity<ProblemDetail> concurrentUpdate(RuntimeException e, HttpServletRequest request) {
        return conflict("Someone else changed this resource at the same time; read it again and retry.", request);
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<ProblemDetail> integrity(DataIntegrityViolationException e, HttpServletRequest request) {
        return conflict("This conflicts with the current state of the resource.", request);
    }

    private static ResponseEntity<ProblemDetail> conflict(String detail, HttpServletRequest request) {
        ProblemDetail problem = Problems.complete(Problems.of(ProblemType.CONFLICT, detail), request.getRequestURI(),
                RequestIdFilter.current(request));
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
