package io.wayfarer.chat;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The chat's limits and timings ({@code wayfarer.chat.*}, each with a {@code CHAT_*} environment
 * variable in application.yml). docs/chat-protocol.md documents what a client sees of them.
 *
 * @param maxTextLength          characters of one message's text (longer: error frame {@code text-too-long})
 * @param maxFrameChars          characters of one incoming frame (longer: the socket closes with 1009)
 * @param socketTextBufferChars  Tomcat's per-socket text buffer (chars); longer frames are read in pieces
 * @param ticketTtl              how long a socket ticket may wait for its handshake
 * @param maxConnectionsPerUser  live sockets of one user across all instances (more: handshake 429)
 * @param framesPerSecond        sustained incoming frames per connection
 * @param frameBurst             incoming frames a connection may send at once
 * @param floodStrikes           rate-limited frames after which the connection is closed (1008)
 * @param pingInterval           the server pings each socket this often
 * @param heartbeatTimeout       a socket that sent nothing (not even a pong) for this long is dead
 * @param idleTimeout            a socket without any chat frame (pings do not count) for this long is closed
 * @param presenceTtl            a connection's presence entry lives this long unless refreshed
 * @param sessionCheckInterval   fallback re-check of every socket's session in Redis
 * @param sweepInterval          how often the heartbeat sweep runs
 * @param sendBufferBytes        bytes queued for one slow socket before it is cut off
 * @param sendTimeLimit          time one send may block before the socket is cut off
 * @param replayBatch            messages per {@code resume} answer (more: {@code "more": true})
 * @param messageWriters         threads storing messages, each one batch (one transaction) at a time
 * @param messageBatch           messages stored in one transaction at most
 * @param allowedOrigins         Origin patterns accepted at the handshake
 */
@Validated
@ConfigurationProperties("wayfarer.chat")
public record ChatProperties(
        @Min(1) int maxTextLength,
        @Min(256) int maxFrameChars,
        @Min(128) int socketTextBufferChars,
        @NotNull Duration ticketTtl,
        @Min(1) int maxConnectionsPerUser,
        @Min(1) int framesPerSecond,
        @Min(1) int frameBurst,
        @Min(1) int floodStrikes,
        @NotNull Duration pingInterval,
        @NotNull Duration heartbeatTimeout,
        @NotNull Duration idleTimeout,
        @NotNull Duration presenceTtl,
        @NotNull Duration sessionCheckInterval,
        @NotNull Duration sweepInterval,
        @Min(1024) int sendBufferBytes,
        @NotNull Duration sendTimeLimit,
        @Min(1) int replayBatch,
        @Min(1) int messageWriters,
        @Min(1) int messageBatch,
        @NotNull List<String> allowedOrigins) {
}
