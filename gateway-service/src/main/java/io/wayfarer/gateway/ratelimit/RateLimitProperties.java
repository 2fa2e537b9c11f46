package io.wayfarer.gateway.ratelimit;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Token buckets of the edge ({@code wayfarer.gateway.rate-limit.*}): a bucket holds up to
 * {@code capacity} requests (the burst) and gains one back every {@code refillEvery}.
 *
 * @param user         per authenticated user (any route)
 * @param anonymous    per client address, for requests without a token
 * @param loginAccount per account name tried at {@code POST /v1/auth/login}, whoever tries it
 * @param loginIp      per client address at {@code POST /v1/auth/login}, whatever account
 * @param webSocketHandshake per client address, for each chat socket handshake ({@code GET /ws/chat}),
 *                     on top of the user's or the address's bucket
 */
@Validated
@ConfigurationProperties("wayfarer.gateway.rate-limit")
public record RateLimitProperties(
        @DefaultValue({"120", "50ms"}) @Valid Limit user,
        @DefaultValue({"60", "100ms"}) @Valid Limit anonymous,
        @DefaultValue({"5", "1m"}) @Valid Limit loginAccount,
        @DefaultValue({"20", "10s"}) @Valid Limit loginIp,
        @DefaultValue({"20", "1s"}) @Valid Limit webSocketHandshake) {

    public record Limit(@Min(1) int capacity, @NotNull Duration refillEvery) {
    }
}
