package io.wayfarer.gateway.edge;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the account a login request tries ({@code {"account": ...}}), so its bucket can be charged
 * before auth-service sees the password. The body (at most {@value #MAX_BODY_BYTES} bytes; a login is
 * far smaller) is kept in memory and forwarded unchanged.
 */
@Component
class LoginAttempts {

    static final int MAX_BODY_BYTES = 4096;

    /** The body as read, and the account it names (null when it names none or is not JSON). */
    record Attempt(ServerWebExchange exchange, String account) {
    }

    private final JsonMapper json;

    LoginAttempts(JsonMapper json) {
        this.json = json;
    }

    Mono<Attempt> read(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        if (request.getHeaders().getContentLength() > MAX_BODY_BYTES) {
            return Mono.error(EdgeRefusals.loginBodyTooLarge(MAX_BODY_BYTES));
        }
        return DataBufferUtils.join(request.getBody(), MAX_BODY_BYTES)
                .map(LoginAttempts::bytes)
                .defaultIfEmpty(new byte[0])
                .onErrorMap(DataBufferLimitException.class, e -> EdgeRefusals.loginBodyTooLarge(MAX_BODY_BYTES))
                .map(body -> new Attempt(withBody(exchange, body), account(request, body)));
    }

    private static byte[] bytes(DataBuffer buffer) {
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return bytes;
        } finally {
            DataBufferUtils.release(buffer);
        }
    }

    private String account(ServerHttpRequest request, byte[] body) {
        MediaType type = request.getHeaders().getContentType();
        if (body.length == 0 || type == null || !type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
            return null;
        }
        try {
            JsonNode account = json.readTree(body).path("account");
            return account.isString() && !account.asString().isBlank() ? account.asString() : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    private static ServerWebExchange withBody(ServerWebExchange exchange, byte[] body) {
        ServerHttpRequest replay = new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                return Flux.defer(() -> Flux.just(exchange.getResponse().bufferFactory().wrap(body)));
            }
        };
        return exchange.mutate().request(replay).build();
    }
}
