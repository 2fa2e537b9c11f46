package io.wayfarer.gateway.problem;

import io.wayfarer.platform.problem.ProblemType;
import io.wayfarer.platform.problem.Problems;
import io.wayfarer.platform.requestid.RequestId;
import java.net.URI;
import java.net.URISyntaxException;
import org.springframework.boot.reactor.netty.NettyRouteProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;

/**
 * Requests whose target is not even a URI ({@code \}, {@code %zz}, {@code "}, {@code |} ...) never
 * reach Spring: its Netty adapter answers them with an empty 400. This Netty route, registered ahead
 * of Spring's, answers them with a problem like every other gateway error.
 */
@Component
class MalformedRequestTargets implements NettyRouteProvider {

    private final ProblemBody body;

    MalformedRequestTargets(ProblemBody body) {
        this.body = body;
    }

    @Override
    public HttpServerRoutes apply(HttpServerRoutes routes) {
        return routes.route(MalformedRequestTargets::isMalformed, this::reject);
    }

    static boolean isMalformed(HttpServerRequest request) {
        try {
            new URI(request.uri());
            return false;
        } catch (URISyntaxException e) {
            return true;
        }
    }

    private Mono<Void> reject(HttpServerRequest request, HttpServerResponse response) {
        String requestId = RequestId.acceptOrGenerate(request.requestHeaders().get(RequestId.HEADER));
        ProblemDetail problem = Problems.complete(
                Problems.of(ProblemType.MALFORMED_REQUEST, "The request target is not a valid URI."), null, requestId);
        return response.status(ProblemType.MALFORMED_REQUEST.status().value())
                .header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE)
                .header(RequestId.HEADER, requestId)
                .sendByteArray(Mono.just(body.of(problem)))
                .then();
    }
}
