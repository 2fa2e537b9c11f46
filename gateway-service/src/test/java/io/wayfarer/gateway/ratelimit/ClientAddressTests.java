package io.wayfarer.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

class ClientAddressTests {

    @Test
    void withoutTrustedProxiesThePeerIsTheClientWhateverTheHeaderSays() {
        ClientAddress addresses = new ClientAddress(new EdgeProperties(List.of()));

        assertThat(addresses.of(request("10.0.0.5", "1.2.3.4"))).isEqualTo("10.0.0.5");
    }

    @Test
    void anUntrustedPeerCannotClaimAnAddress() {
        ClientAddress addresses = new ClientAddress(new EdgeProperties(List.of("10.0.0.0/8")));

        assertThat(addresses.of(request("192.0.2.9", "1.2.3.4"))).isEqualTo("192.0.2.9");
    }

    @Test
    void aTrustedProxysHopsAreReadFromTheRightSkippingOurOwnProxies() {
        ClientAddress addresses = new ClientAddress(new EdgeProperties(List.of("10.0.0.0/8", "172.16.0.1")));

        assertThat(addresses.of(request("10.1.2.3", "6.6.6.6, 198.51.100.4, 172.16.0.1"))).isEqualTo("198.51.100.4");
        assertThat(addresses.of(request("10.1.2.3", null))).isEqualTo("10.1.2.3");
        assertThat(addresses.of(request("10.1.2.3", "10.9.9.9"))).isEqualTo("10.9.9.9");
    }

    @Test
    void aHopThatIsNotAnAddressEndsTheWalkWithoutADnsLookup() {
        ClientAddress addresses = new ClientAddress(new EdgeProperties(List.of("10.0.0.0/8")));

        assertThat(addresses.of(request("10.1.2.3", "198.51.100.4, evil.example.com"))).isEqualTo("10.1.2.3");
        assertThat(ClientAddress.literal("localhost")).isNull();
    }

    @Test
    void ipv6RangesWork() {
        ClientAddress addresses = new ClientAddress(new EdgeProperties(List.of("fd00::/8")));

        assertThat(addresses.of(request("fd12::1", "2001:db8::7"))).isEqualTo("2001:db8:0:0:0:0:0:7");
    }

    @Test
    void aBadRangeIsRefusedAtStart() {
        assertThatThrownBy(() -> new ClientAddress(new EdgeProperties(List.of("proxy.internal"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClientAddress(new EdgeProperties(List.of("10.0.0.0/33"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static MockServerHttpRequest request(String peer, String forwardedFor) {
        MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("/v1/trips")
                .remoteAddress(new InetSocketAddress(peer, 40000));
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return request.build();
    }
}
