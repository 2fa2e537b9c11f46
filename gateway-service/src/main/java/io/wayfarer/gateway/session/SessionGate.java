package io.wayfarer.gateway.session;

import io.lettuce.core.RedisException;
import io.wayfarer.gateway.ratelimit.Bucket;
import io.wayfarer.platform.identity.VerifiedToken;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The edge's one Redis round trip per request ({@code admit.lua}): for a verified token, the session
 * {@code session:{sid}} must exist, belong to the token's subject and be {@code active}, and its idle
 * expiry slides exactly as auth-service's {@code SessionStore.touch} does; and one token is taken from
 * each of the request's buckets (all or none).
 */
@Component
public class SessionGate {

    private static final RedisScript<String> ADMIT =
            RedisScript.of(new ClassPathResource("io/wayfarer/gateway/session/admit.lua"), String.class);

    private final ReactiveStringRedisTemplate redis;
    private final String idleMillis;
    private final String prefix;

    SessionGate(ReactiveStringRedisTemplate redis, SessionProperties properties,
            @Value("${wayfarer.redis.key-prefix:}") String prefix) {
        this.redis = redis;
        this.idleMillis = String.valueOf(properties.idleTimeout().toMillis());
        this.prefix = prefix;
    }

    /** {@code token} is null for an anonymous request. */
    public Mono<GateOutcome> admit(VerifiedToken token, List<Bucket> buckets, long nowMillis) {
        List<String> keys = new ArrayList<>(buckets.size() + 1);
        List<String> args = new ArrayList<>(3 + 2 * buckets.size());
        args.add(String.valueOf(nowMillis));
        args.add(idleMillis);
        if (token != null) {
            keys.add(prefix + "session:" + token.sessionId());
            args.add(token.userId());
        } else {
            args.add("");
        }
        for (Bucket bucket : buckets) {
            keys.add(prefix + bucket.key());
            args.add(String.valueOf(bucket.capacity()));
            args.add(String.valueOf(bucket.refillEveryMillis()));
        }
        return redis.execute(ADMIT, keys, args).next()
                .map(SessionGate::outcome)
                .onErrorResume(SessionGate::isRedisFailure, e -> Mono.just(new GateOutcome.Unreachable(e)));
    }

    static boolean isRedisFailure(Throwable error) {
        return error instanceof DataAccessException || error instanceof RedisException || error instanceof TimeoutException;
    }

    static GateOutcome outcome(String reply) {
        if (reply.equals("ok")) {
            return new GateOutcome.Admitted(null);
        }
        if (reply.startsWith("ok:")) {
            return new GateOutcome.Admitted(reply.substring(3));
        }
        if (reply.startsWith("wait:")) {
            return new GateOutcome.Throttled(Long.parseLong(reply.substring(5)));
        }
        return new GateOutcome.SessionRefused(reply);
    }
}
