package io.wayfarer.gateway.ratelimit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Which buckets a request draws from: an authenticated user's own, a client address's when anonymous,
 * and at login one per account name and one per address (password guessing is slowed down whether it
 * targets one account from many addresses or many accounts from one); a chat socket handshake also takes
 * one from its address's handshake bucket. Keys are {@code rl:user:{id}}, {@code rl:ip:{ip}},
 * {@code rl:login:account:{sha-256 of the account}}, {@code rl:login:ip:{ip}} and {@code rl:ws:ip:{ip}}; the account name is hashed so Redis never holds a list of tried names.
 */
@Component
public class Buckets {

    private final RateLimitProperties limits;

    Buckets(RateLimitProperties limits) {
        this.limits = limits;
    }

    public Bucket forUser(String userId) {
        return new Bucket("rl:user:" + userId, limits.user());
    }

    public Bucket forAnonymous(String clientAddress) {
        return new Bucket("rl:ip:" + clientAddress, limits.anonymous());
    }

    /** Taken by each chat socket handshake, besides the user's or the address's own bucket. */
    public Bucket forWebSocketHandshake(String clientAddress) {
        return new Bucket("rl:ws:ip:" + clientAddress, limits.webSocketHandshake());
    }

    /** {@code account} may be null when the login body names none: then only the address counts. */
    public List<Bucket> forLogin(String clientAddress, String account) {
        Bucket perAddress = new Bucket("rl:login:ip:" + clientAddress, limits.loginIp());
        if (account == null) {
            return List.of(perAddress);
        }
        return List.of(new Bucket("rl:login:account:" + accountKey(account), limits.loginAccount()), perAddress);
    }

    /** The same for "Alice", " alice" and "ALICE": auth-service's accounts are lower case. */
    static String accountKey(String account) {
        String normalised = account.strip().toLowerCase(Locale.ROOT);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(normalised.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
