package io.wayfarer.gateway.edge;

/** A request path that cannot be made canonical without guessing what the client meant. */
class RejectedPathException extends Exception {

    RejectedPathException(String reason) {
        super(reason, null, false, false);
    }
}
