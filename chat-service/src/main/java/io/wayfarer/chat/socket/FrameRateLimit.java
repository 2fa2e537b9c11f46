package io.wayfarer.chat.socket;

/**
 * A token bucket per connection: {@code burst} frames at once, refilled at {@code perSecond}.
 * Tomcat delivers one socket's frames one at a time, so the bucket needs no locking.
 */
final class FrameRateLimit {

    private final double perNano;
    private final int burst;
    private final int maxStrikes;
    private double tokens;
    private long refilledAt;
    private int strikes;

    FrameRateLimit(int perSecond, int burst, int maxStrikes, long nowNanos) {
        this.perNano = perSecond / 1e9;
        this.burst = burst;
        this.maxStrikes = maxStrikes;
        this.tokens = burst;
        this.refilledAt = nowNanos;
    }

    enum Verdict { ALLOW, REFUSE, CUT_OFF }

    Verdict take(long nowNanos) {
        tokens = Math.min(burst, tokens + (nowNanos - refilledAt) * perNano);
        refilledAt = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            return Verdict.ALLOW;
        }
        strikes++;
        return strikes >= maxStrikes ? Verdict.CUT_OFF : Verdict.REFUSE;
    }
}
