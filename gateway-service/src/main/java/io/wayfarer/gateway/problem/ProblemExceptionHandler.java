package io.wayfarer.gateway.problem;

import io.micrometer.core.instrument.MeterRegistry;
import io.wayfarer.gateway.edge.EdgeRequest;
import io.wayfarer.gateway.routing.UpstreamFailure;
import io.wayfarer.platform.problem.ProblemType;
import io.wayfarer.platform.problem.Problems;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Every error the gateway itself produces (unknown path, wrong method, rejected path, failed
 * service, bug) becomes an RFC 9457 {@code application/problem+json} with a Wayfarer type, the
 * request path as {@code instance} and the request id. Runs before Boot's default handler, so no
 * stack trace or error page can leak. Problems that services send are responses, not errors, and
 * pass through untouched.
 */
@Component
@Order(-2)
class ProblemExceptionHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    private final ProblemBody body;
    private final MeterRegistry metrics;

    ProblemExceptionHandler(ProblemBody body, MeterRegistry metrics) {
        this.body = body;
        this.metrics = metrics;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(error);
        }
        String requestId = EdgeRequest.requestId(exchange);
        ProblemDetail problem = Problems.complete(problemFor(error, exchange), EdgeRequest.originalPath(exchange), requestId);
        logged(problem, error, exchange);
        counted(problem);

        response.setStatusCode(HttpStatusCode.valueOf(problem.getStatus()));
        HttpHeaders headers = response.getHeaders();
        if (error instanceof ErrorResponse errorResponse) {
            headers.putAll(errorResponse.getHeaders());
        }
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        byte[] bytes = body.of(problem);
        headers.setContentLength(bytes.length);
        DataBuffer buffer = response.bufferFactory().wrap(bytes);
        return response.writeWith(Mono.just(buffer));
    }

    private static ProblemDetail problemFor(Throwable error, ServerWebExchange exchange) {
        if (error instanceof ErrorResponse errorResponse) {
            ProblemDetail given = errorResponse.getBody();
            if (isOurs(given)) {
                return given;
            }
            // framework details can name classes or internals: say it in our own words
            return Problems.of(ProblemType.forStatus(errorResponse.getStatusCode().value()),
                    GenericDetail.of(errorResponse.getStatusCode().value(), exchange));
        }
        return UpstreamFailure.recognise(error, null)
                .map(UpstreamFailure::problem)
                .orElseGet(() -> Problems.of(ProblemType.INTERNAL_ERROR, GenericDetail.of(500, exchange)));
    }

    /**
     * {@code wayfarer_gateway_problems_total{status, type}}: every answer the gateway gives itself — refusals at the
     * edge (401 token or session, 403 permission, 429 rate limit, 400 path tricks) and failed services (502-504).
     * The type is the last segment of one of our problem type URIs, so the series stay few.
     */
    private void counted(ProblemDetail problem) {
        String type = problem.getType() == null ? "none" : problem.getType().getPath();
        metrics.counter("wayfarer.gateway.problems", "status", String.valueOf(problem.getStatus()),
                "type", type.substring(type.lastIndexOf('/') + 1)).increment();
    }

    private static boolean isOurs(ProblemDetail problem) {
        URI type = problem.getType();
        return type != null && type.toString().startsWith(ProblemType.BASE);
    }

    private static void logged(ProblemDetail problem, Throwable error, ServerWebExchange exchange) {
        String request = exchange.getRequest().getMethod() + " " + EdgeRequest.originalPath(exchange);
        boolean understood = error instanceof ErrorResponse || UpstreamFailure.recognise(error, null).isPresent();
        if (!understood) {
            log.error("{} failed [requestId={}]", request, problem.getProperties().get(Problems.REQUEST_ID), error);
        } else if (problem.getStatus() >= 500) {
            log.info("{} -> {} {}", request, problem.getStatus(), problem.getDetail());
        } else {
            log.debug("{} -> {} {}", request, problem.getStatus(), problem.getDetail());
        }
    }
}
