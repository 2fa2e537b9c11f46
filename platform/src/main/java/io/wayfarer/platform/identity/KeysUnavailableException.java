package io.wayfarer.platform.identity;

/**
 * The token could not be checked because auth-service's published keys could not be fetched (not
 * yet in discovery, down, or answering garbage). Not the caller's fault: a 503 to retry, never a
 * 401 that would sign a holder of a good token out.
 */
public class KeysUnavailableException extends RuntimeException {

    public KeysUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
