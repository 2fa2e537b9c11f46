package io.wayfarer.gateway.problem;

import org.springframework.web.server.ServerWebExchange;

/** The gateway's own wording for errors whose framework message might leak internals. */
final class GenericDetail {

    private GenericDetail() {
    }

    static String of(int status, ServerWebExchange exchange) {
        return switch (status) {
            case 400 -> "The request is malformed.";
            case 404 -> "Nothing is found at this path.";
            case 405 -> "The method " + exchange.getRequest().getMethod().name() + " is not supported at this path.";
            case 406 -> "None of the accepted media types can be produced.";
            case 413 -> "The request is too large.";
            case 415 -> "The request's media type is not supported.";
            case 502 -> "A service could not be reached.";
            case 503 -> "A service is unavailable right now. Try again shortly.";
            case 504 -> "A service did not answer in time.";
            default -> status >= 500
                    ? "The gateway failed to handle the request. Quote the requestId when reporting it."
                    : "The request cannot be handled.";
        };
    }
}
