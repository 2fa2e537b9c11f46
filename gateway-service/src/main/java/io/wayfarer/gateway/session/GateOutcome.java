package io.wayfarer.gateway.session;

/**
 * What Redis said about one request: admitted (with the session's roles), throttled, session refused;
 * or that it could not be asked.
 */
public sealed interface GateOutcome {

    /** {@code roles} is the session's comma-separated role list; null for an anonymous request. */
    record Admitted(String roles) implements GateOutcome {
    }

    record Throttled(long retryAfterMillis) implements GateOutcome {
    }

    /** {@code reason} ({@code gone}, {@code other-user}, {@code inactive}) is for the log, never for the client. */
    record SessionRefused(String reason) implements GateOutcome {
    }

    /** Redis could not be reached or did not answer in time. */
    record Unreachable(Throwable cause) implements GateOutcome {
    }
}
