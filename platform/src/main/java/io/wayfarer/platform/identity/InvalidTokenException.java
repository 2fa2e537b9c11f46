package io.wayfarer.platform.identity;

/** The bearer token is missing, malformed, forged, expired or not meant for us. */
public class InvalidTokenException extends RuntimeException {

    public InvalidTokenException(String message) {
        super(message);
    }

    public InvalidTokenException(String message, Throwable cause) {
        super(message, cause);
    }
}
