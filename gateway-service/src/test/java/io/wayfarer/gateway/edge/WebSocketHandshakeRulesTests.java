package io.wayfarer.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The handshake's ticket shape and Origin rules, without a gateway (WebSocketHandshakeIntegrationTests runs them end to end). */
class WebSocketHandshakeRulesTests {

    private static final String TICKET = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde";

    private final AllowedOrigins defaults = new AllowedOrigins(
            new WebSocketProperties(List.of("http://localhost:*", "http://127.0.0.1:*", "http://[::1]:*"), true));

    @Test
    void ticketIsTheOneParameterOfTheRightShape() {
        assertThat(WebSocketHandshakeFilter.ticket("ticket=" + TICKET)).isEqualTo(TICKET);
        assertThat(WebSocketHandshakeFilter.ticket("v=1&ticket=" + TICKET + "&x")).isEqualTo(TICKET);
        for (String query : new String[] {null, "", "ticket", "ticket=", "ticket=" + TICKET + "&ticket=" + TICKET,
                "ticket=" + TICKET.substring(1), "ticket=" + TICKET + "A", "ticket=" + TICKET.substring(1) + "+",
                "ticket=" + TICKET.substring(1) + ".", "ticket=%41" + TICKET.substring(1), "Ticket=" + TICKET,
                "ticket=" + TICKET.substring(1) + "\u00e9"}) {
            assertThat(WebSocketHandshakeFilter.ticket(query)).as(query).isNull();
        }
    }

    @Test
    void ownOriginIsTheHostTheGatewayReceived() {
        assertThat(defaults.allows("https://wayfarer.io", "wayfarer.io")).isTrue();
        assertThat(defaults.allows("https://wayfarer.io", "wayfarer.io:443")).isTrue();
        assertThat(defaults.allows("http://wayfarer.io:8080", "wayfarer.io:8080")).isTrue();
        assertThat(defaults.allows("HTTPS://WayFarer.IO", "wayfarer.io")).isTrue();
        assertThat(defaults.allows("https://wayfarer.io:8443", "wayfarer.io")).isFalse();
        assertThat(defaults.allows("https://evil.io", "wayfarer.io")).isFalse();
        assertThat(defaults.allows("https://wayfarer.io.evil.io", "wayfarer.io")).isFalse();
        assertThat(defaults.allows("https://wayfarer.io", null)).isFalse();
        AllowedOrigins noSameOrigin = new AllowedOrigins(new WebSocketProperties(List.of(), false));
        assertThat(noSameOrigin.allows("https://wayfarer.io", "wayfarer.io")).isFalse();
    }

    @Test
    void listedOriginsAndLocalDevelopment() {
        assertThat(defaults.allows("http://localhost:5173", "gateway:8080")).isTrue();
        assertThat(defaults.allows("http://127.0.0.1:3000", "gateway:8080")).isTrue();
        assertThat(defaults.allows("http://[::1]:3000", "gateway:8080")).isTrue();
        assertThat(defaults.allows("https://localhost:5173", "gateway:8080")).isFalse();
        assertThat(defaults.allows("http://localhost.evil.io:5173", "gateway:8080")).isFalse();
        AllowedOrigins listed = new AllowedOrigins(new WebSocketProperties(List.of("https://app.wayfarer.io"), false));
        assertThat(listed.allows("https://app.wayfarer.io", "gateway")).isTrue();
        assertThat(listed.allows("https://app.wayfarer.io:443", "gateway")).isTrue();
        assertThat(listed.allows("https://app.wayfarer.io:8443", "gateway")).isFalse();
    }

    @Test
    void malformedOriginsAreNeverAllowed() {
        for (String origin : new String[] {"null", "", "file://", "ws://localhost:3000", "http://localhost:3000/",
                "http://localhost:3000/app", "http://user@localhost:3000", "http://localhost:3000?x", "localhost:3000",
                "http://localhost:3000#x", "http://local host:3000"}) {
            assertThat(defaults.allows(origin, "localhost:3000")).as(origin).isFalse();
        }
    }

    @Test
    void aMisconfiguredAllowListFailsTheStart() {
        assertThatThrownBy(() -> new AllowedOrigins(new WebSocketProperties(List.of("*"), true)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AllowedOrigins(new WebSocketProperties(List.of("https://*.wayfarer.io"), true)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
