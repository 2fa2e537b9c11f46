package io.wayfarer.platform.problem;

import io.wayfarer.platform.requestid.RequestIdFilter;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Replaces Boot's Whitelabel/JSON error endpoint: errors that never reached a controller (the
 * container's 404/405, a failing filter, a rejected request) also answer with a problem body,
 * never with a stack trace or HTML.
 */
@org.springframework.web.bind.annotation.RestController
public class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:${error.path:/error}}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        int status = statusOf(request);
        ProblemType type = ProblemType.forStatus(status);
        ProblemDetail problem = Problems.of(type, detailFor(type));
        problem.setStatus(status);
        Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        Problems.complete(problem, path instanceof String p ? p : "/", RequestIdFilter.current(request));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static int statusOf(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        return code instanceof Integer value && value >= 400 ? value : 500;
    }

    private static String detailFor(ProblemType type) {
        return switch (type) {
            case NOT_FOUND -> "No resource at this path.";
            case INTERNAL_ERROR -> "An unexpected error occurred.";
            default -> type.title() + ".";
        };
    }
}
