package io.wayfarer.gateway.ratelimit;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param trustedProxies addresses or CIDR ranges of our own load balancers, whose
 *                       {@code X-Forwarded-For} hops are believed; empty: the TCP peer is the client
 */
@ConfigurationProperties("wayfarer.gateway")
public record EdgeProperties(@DefaultValue("") List<String> trustedProxies) {
}
