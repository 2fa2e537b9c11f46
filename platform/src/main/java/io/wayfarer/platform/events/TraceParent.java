package io.wayfarer.platform.events;

import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;

/**
 * The current span as a W3C {@code traceparent} ({@code 00-<trace id>-<span id>-<flags>}), which the outbox stores
 * with an event and the relay sends as a Kafka header of that name. Only used when Micrometer Tracing is present.
 */
public final class TraceParent implements EventTraceContext {

    public static final String HEADER = "traceparent";

    private final Tracer tracer;

    public TraceParent(Tracer tracer) {
        this.tracer = tracer;
    }

    @Override
    public String traceparent() {
        TraceContext context = tracer.currentTraceContext().context();
        if (context == null) {
            return null;
        }
        String flags = Boolean.TRUE.equals(context.sampled()) ? "01" : "00";
        return "00-" + pad(context.traceId(), 32) + "-" + pad(context.spanId(), 16) + "-" + flags;
    }

    /** Brave may print a 64-bit trace id as 16 hex digits; W3C wants 32. */
    private static String pad(String hex, int length) {
        return hex.length() >= length ? hex : "0".repeat(length - hex.length()) + hex;
    }
}
