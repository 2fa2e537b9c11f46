package io.wayfarer.payment.alipay;

import io.micrometer.core.instrument.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Things that should never happen unless someone forges or replays payment messages: logged on
 * their own logger ({@code wayfarer.security}) so they can be alerted on. Never change state.
 */
final class SecurityEvents {

    private static final Logger log = LoggerFactory.getLogger("wayfarer.security");

    private SecurityEvents() {
    }

    static void refused(String what, String outTradeNo, String reason) {
        log.warn("SECURITY alipay {} refused: out_trade_no={} reason={}", what, clip(outTradeNo), reason);
        // wayfarer_payment_notices_rejected_total{kind=notice|return}; Boot binds its registry to the global one
        Metrics.counter("wayfarer.payment.notices.rejected", "kind", what).increment();
    }

    /** Keeps forged input from flooding or forging log lines. */
    static String clip(String value) {
        if (value == null) {
            return "-";
        }
        String printable = value.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() > 64 ? printable.substring(0, 64) + "..." : printable;
    }
}
