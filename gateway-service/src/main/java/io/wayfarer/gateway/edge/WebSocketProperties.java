package io.wayfarer.gateway.edge;

import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The chat socket's handshake at the edge ({@code wayfarer.gateway.websocket.*}).
 *
 * @param allowedOrigins  origins (besides the gateway's own) whose pages may open {@code /ws/chat}:
 *                        {@code scheme://host[:port]} exactly, or {@code scheme://host:*} for any port.
 *                        Default: the local development origins
 * @param allowSameOrigin whether a page of the gateway's own origin (Origin's host and port = the
 *                        {@code Host} the gateway received) may open it
 */
@Validated
@ConfigurationProperties("wayfarer.gateway.websocket")
public record WebSocketProperties(
        @DefaultValue({"http://localhost:*", "http://127.0.0.1:*", "http://[::1]:*"}) @NotNull List<String> allowedOrigins,
        @DefaultValue("true") boolean allowSameOrigin) {
}
