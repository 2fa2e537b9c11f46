package io.wayfarer.gateway.edge;

import io.micrometer.context.ContextRegistry;
import io.wayfarer.platform.requestid.RequestId;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * Takes a plain {@code X-Request-Id} from the client or makes one, sends it downstream, echoes it in
 * the response and puts it in the Reactor context, from where context propagation
 * ({@code spring.reactor.context-propagation=auto}) copies it into the logging MDC.
 */
@Component
class RequestIdFilter implements WebFilter, Ordered {

    static {
        ContextRegistry.getInstance().registerThreadLocalAccessor(RequestId.MDC_KEY,
                () -> MDC.get(RequestId.MDC_KEY),
                id -> MDC.put(RequestId.MDC_KEY, id),
                () -> MDC.remove(RequestId.MDC_KEY));
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String id = RequestId.acceptOrGenerate(exchange.getRequest().getHeaders().getFirst(RequestId.HEADER));
        exchange.getAttributes().put(EdgeRequest.REQUEST_ID, id);
        exchange.getAttributes().put(EdgeRequest.ORIGINAL_PATH, exchange.getRequest().getURI().getRawPath());
        ServerHttpResponse response = exchange.getResponse();
        // at commit time, so a downstream response's own header cannot replace ours
        response.beforeCommit(() -> {
            response.getHeaders().set(RequestId.HEADER, id);
            return Mono.empty();
        });
        ServerWebExchange withId = exchange.mutate()
                .request(request -> request.headers(headers -> headers.set(RequestId.HEADER, id)))
                .build();
        return chain.filter(withId).contextWrite(Context.of(RequestId.MDC_KEY, id));
    }

    @Override
    public int getOrder() {
        return EdgeFilterOrder.REQUEST_ID;
    }
}
