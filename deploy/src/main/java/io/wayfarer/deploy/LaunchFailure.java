package io.wayfarer.deploy;

/** Why the local system could not start, worded for the person at the terminal. */
final class LaunchFailure extends RuntimeException {

    LaunchFailure(String message) {
        super(message);
    }

    LaunchFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
