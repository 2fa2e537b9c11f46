package io.wayfarer.platform.requestid;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The {@code X-Request-Id} that the gateway gives every request and every service passes on and
 * logs (MDC key {@value #MDC_KEY}). A value from outside is kept only if it is short and plain, so
 * it cannot inject into logs or headers.
 */
public final class RequestId {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";

    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._-]{8,64}");

    private RequestId() {
    }

    /** The given id when acceptable, otherwise a new one. */
    public static String acceptOrGenerate(String candidate) {
        return isAcceptable(candidate) ? candidate : generate();
    }

    public static boolean isAcceptable(String candidate) {
        return candidate != null && ACCEPTABLE.matcher(candidate).matches();
    }

    /**
     * A new id in the form of a random (version 4) UUID. It correlates log lines and is no secret, so
     * it comes from {@link ThreadLocalRandom}: {@code UUID.randomUUID()} would draw on the one
     * {@code SecureRandom} every request thread contends for.
     */
    public static String generate() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;              // version 4
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | Long.MIN_VALUE; // IETF variant
        return new UUID(high, low).toString();
    }
}
