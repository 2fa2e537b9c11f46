package io.wayfarer.platform.events;

/**
 * Where the {@link Outbox} learns the trace an event belongs to: the W3C {@code traceparent} of the current span,
 * or null outside a trace. {@link TraceParent} reads it from Micrometer Tracing when that is present.
 */
@FunctionalInterface
public interface EventTraceContext {

    EventTraceContext NONE = () -> null;

    String traceparent();
}
