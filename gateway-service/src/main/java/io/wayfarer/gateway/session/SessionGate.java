package io.wayfarer.gateway.session;

import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.wayfarer.gateway.ratelimit.Bucket;
import io.wayfarer.platform.identity.VerifiedToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The edge's one Redis round trip per request ({@code admit.lua}): for a verified token, the session
 * {@code session:{sid}} must exist, belong to the token's subject, be {@code active} and not be past its
 * absolute expiry, on every request; its idle expiry slides as auth-service's {@code SessionStore.touch}
 * does, except that a session slid less than {@link SessionProperties#slideGranularity()} ago is not
 * rewritten (its {@code seen} is read in the same {@code HMGET}); and one token is taken from each of the
 * request's buckets (all or none).
 *
 * <p>Sent as {@code EVALSHA} (the script's SHA-1 is computed once; {@code EVAL} only after a
 * {@code NOSCRIPT}, e.g. after Redis restarted) straight through Lettuce's async API on the edge's own
 * connection ({@link EdgeRedisConnection}): keys and arguments are written as bytes, with no template,
 * serializer or per-call connection wrapper in between (docs/benchmarks.md, W2).
 */
@Component
public class SessionGate {

    static final byte[] ADMIT = script("io/wayfarer/gateway/session/admit.lua");
    static final String ADMIT_SHA = EdgeRedisConnection.sha1Hex(ADMIT);
    static final byte[] REFUND = script("io/wayfarer/gateway/session/refund.lua");
    private static final byte[] EMPTY = new byte[0];

    private final EdgeRedisConnection redis;
    private final byte[] idleMillis;
    private final byte[] slideMillis;
    private final String prefix;
    private final byte[] sessionPrefix;

    SessionGate(EdgeRedisConnection redis, SessionProperties properties,
            @Value("${wayfarer.redis.key-prefix:}") String prefix) {
        this.redis = redis;
        this.idleMillis = ascii(String.valueOf(properties.idleTimeout().toMillis()));
        this.slideMillis = ascii(String.valueOf(Math.max(0, properties.slideGranularity().toMillis())));
        this.prefix = prefix;
        this.sessionPrefix = (prefix + "session:").getBytes(StandardCharsets.UTF_8);
        // so the first requests already find it by its SHA (a NOSCRIPT later is handled per call)
        redis.send(commands -> commands.scriptLoad(ADMIT));
    }

    /** {@code token} is null for an anonymous request. */
    public Mono<GateOutcome> admit(VerifiedToken token, List<Bucket> buckets, long nowMillis) {
        int first = token == null ? 0 : 1;
        byte[][] keys = new byte[first + buckets.size()][];
        byte[][] args = new byte[4 + 2 * buckets.size()][];
        args[0] = ascii(Long.toString(nowMillis));
        args[1] = idleMillis;
        args[3] = slideMillis;
        if (token != null) {
            keys[0] = concat(sessionPrefix, token.sessionId().getBytes(StandardCharsets.UTF_8));
            args[2] = token.userId().getBytes(StandardCharsets.UTF_8);
        } else {
            args[2] = EMPTY;
        }
        putBuckets(buckets, keys, first, args, 4);
        CompletionStage<GateOutcome> outcome = redis.<byte[]>send(commands -> commands.evalsha(ADMIT_SHA, ScriptOutputType.VALUE, keys, args))
                // NOSCRIPT: Redis lost its script cache (restart, SCRIPT FLUSH); EVAL sends the body and caches it again
                .exceptionallyCompose(error -> cause(error) instanceof RedisNoScriptException
                        ? redis.<byte[]>send(commands -> commands.eval(ADMIT, ScriptOutputType.VALUE, keys, args))
                        : CompletableFuture.failedFuture(error))
                .handle((reply, error) -> error == null ? outcome(reply) : unreachable(error));
        return Mono.fromCompletionStage(outcome);
    }

    /**
     * Gives back the tokens {@link #admit} took from {@code buckets} (a login auth-service never answered).
     * Rare, so sent as {@code EVAL}; never fails: a refund that does not reach Redis leaves the bucket as it was.
     */
    public Mono<Void> refund(List<Bucket> buckets, long nowMillis) {
        byte[][] keys = new byte[buckets.size()][];
        byte[][] args = new byte[1 + 2 * buckets.size()][];
        args[0] = ascii(Long.toString(nowMillis));
        putBuckets(buckets, keys, 0, args, 1);
        CompletionStage<Object> sent = redis.<Long>send(commands -> commands.eval(REFUND, ScriptOutputType.INTEGER, keys, args))
                .handle((reply, error) -> null);
        return Mono.fromCompletionStage(sent).then();
    }

    /** Each bucket's key from {@code keys[firstKey]} on, its capacity and refill interval as argument pairs from {@code args[firstArg]} on. */
    private void putBuckets(List<Bucket> buckets, byte[][] keys, int firstKey, byte[][] args, int firstArg) {
        for (int i = 0; i < buckets.size(); i++) {
            Bucket bucket = buckets.get(i);
            keys[firstKey + i] = (prefix + bucket.key()).getBytes(StandardCharsets.UTF_8);
            args[firstArg + 2 * i] = ascii(Integer.toString(bucket.capacity()));
            args[firstArg + 1 + 2 * i] = ascii(Long.toString(bucket.refillEveryMillis()));
        }
    }

    private static GateOutcome unreachable(Throwable error) {
        Throwable cause = cause(error);
        if (isRedisFailure(cause)) {
            return new GateOutcome.Unreachable(cause);
        }
        throw error instanceof CompletionException completion ? completion : new CompletionException(cause);
    }

    static boolean isRedisFailure(Throwable error) {
        return error instanceof RedisException || error instanceof TimeoutException || error instanceof IOException;
    }

    static Throwable cause(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    static GateOutcome outcome(byte[] reply) {
        return outcome(new String(reply, StandardCharsets.UTF_8));
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

    private static byte[] ascii(String value) {
        return value.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[] head, byte[] tail) {
        byte[] joined = new byte[head.length + tail.length];
        System.arraycopy(head, 0, joined, 0, head.length);
        System.arraycopy(tail, 0, joined, head.length, tail.length);
        return joined;
    }

    private static byte[] script(String path) {
        try (var in = new ClassPathResource(path).getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
