package io.wayfarer.gateway.ratelimit;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

/**
 * The address a request comes from, for per-address buckets: the TCP peer, unless the peer is one of
 * {@code wayfarer.gateway.trusted-proxies} (addresses or CIDR ranges); then {@code X-Forwarded-For} is
 * read from the right, skipping trusted proxies, and the first address that is not one is the client.
 * A client can write anything into that header, so only hops added by our own proxies are believed.
 */
@Component
public class ClientAddress {

    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]{7,15}|[0-9A-Fa-f:.]{2,45}");

    private final List<AddressRange> trusted;

    ClientAddress(EdgeProperties properties) {
        this.trusted = properties.trustedProxies().stream().filter(s -> !s.isBlank()).map(AddressRange::parse).toList();
    }

    public String of(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        InetAddress peer = remote == null ? null : remote.getAddress();
        if (peer == null) {
            return "unknown";
        }
        if (trusted.isEmpty() || !isTrusted(peer)) {
            return peer.getHostAddress();
        }
        List<String> forwarded = request.getHeaders().getValuesAsList("X-Forwarded-For");
        InetAddress client = peer;
        for (int i = forwarded.size() - 1; i >= 0; i--) {
            InetAddress hop = literal(forwarded.get(i).strip());
            if (hop == null) {
                break;
            }
            client = hop;
            if (!isTrusted(hop)) {
                break;
            }
        }
        return client.getHostAddress();
    }

    private boolean isTrusted(InetAddress address) {
        return trusted.stream().anyMatch(range -> range.contains(address));
    }

    /** An IP literal, never a host name (no DNS lookup on a client-supplied value). */
    static InetAddress literal(String text) {
        if (!IP_LITERAL.matcher(text).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    record AddressRange(byte[] network, int prefixLength) {

        static AddressRange parse(String text) {
            String[] parts = text.strip().split("/", 2);
            InetAddress address = literal(parts[0]);
            if (address == null) {
                throw new IllegalArgumentException("not an IP address or CIDR range: " + text);
            }
            byte[] bytes = address.getAddress();
            int length = parts.length == 2 ? Integer.parseInt(parts[1]) : bytes.length * 8;
            if (length < 0 || length > bytes.length * 8) {
                throw new IllegalArgumentException("bad prefix length: " + text);
            }
            return new AddressRange(bytes, length);
        }

        boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            if (candidate.length != network.length) {
                return false;
            }
            int full = prefixLength / 8;
            for (int i = 0; i < full; i++) {
                if (candidate[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefixLength % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (candidate[full] & mask) == (network[full] & mask);
        }
    }
}
