package io.wayfarer.payment.alipay;

import com.alipay.api.AlipayApiException;
import com.alipay.api.internal.util.AlipaySignature;
import io.wayfarer.payment.order.Order;
import io.wayfarer.payment.order.Orders;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Alipay's asynchronous notices and return parameters. A notice is believed only when its RSA2
 * signature verifies with Alipay's public key (the 4-argument {@code rsaCheckV1}: SHA256withRSA),
 * it names our app id (and our seller, when configured), an existing order, and exactly that
 * order's amount. Anything else is a security event and changes nothing.
 */
@Component
class AlipayNotices {

    private final AlipayProperties properties;
    private final Orders orders;
    private final Settlement settlement;

    AlipayNotices(AlipayProperties properties, Orders orders, Settlement settlement) {
        this.properties = properties;
        this.orders = orders;
        this.settlement = settlement;
    }

    /** Handles one notice; true means "tell Alipay success" (state committed or nothing to do). */
    boolean handle(Map<String, String> notice) {
        String outTradeNo = notice.get("out_trade_no");
        if (!signedByAlipay(notice)) {
            SecurityEvents.refused("notice", outTradeNo, "signature does not verify");
            return false;
        }
        Optional<Order> order = matchingOrder(notice, "notice");
        if (order.isEmpty()) {
            return false;
        }
        String status = notice.get("trade_status");
        if (!"TRADE_SUCCESS".equals(status) && !"TRADE_FINISHED".equals(status)) {
            // WAIT_BUYER_PAY, TRADE_CLOSED: acknowledged, nothing to apply
            return true;
        }
        String tradeNo = notice.get("trade_no");
        if (tradeNo == null || tradeNo.isBlank() || tradeNo.length() > 64) {
            SecurityEvents.refused("notice", outTradeNo, "no usable trade_no");
            return false;
        }
        settlement.paid(order.get(), tradeNo, new BigDecimal(notice.get("total_amount")), "notice");
        return true;
    }

    /** The order a signed return (browser back from the cashier) names, if it is genuine. */
    Optional<Order> returned(Map<String, String> parameters) {
        if (!signedByAlipay(parameters)) {
            SecurityEvents.refused("return", parameters.get("out_trade_no"), "signature does not verify");
            return Optional.empty();
        }
        return matchingOrder(parameters, "return");
    }

    private Optional<Order> matchingOrder(Map<String, String> message, String what) {
        String outTradeNo = message.get("out_trade_no");
        if (!properties.appId().equals(message.get("app_id"))) {
            SecurityEvents.refused(what, outTradeNo, "app_id is not ours: " + SecurityEvents.clip(message.get("app_id")));
            return Optional.empty();
        }
        if (properties.checksSeller() && !properties.sellerId().equals(message.get("seller_id"))) {
            SecurityEvents.refused(what, outTradeNo, "seller_id is not ours: " + SecurityEvents.clip(message.get("seller_id")));
            return Optional.empty();
        }
        Optional<Order> order = outTradeNo == null || outTradeNo.length() > 64 ? Optional.empty()
                : orders.findByOutTradeNo(outTradeNo);
        if (order.isEmpty()) {
            SecurityEvents.refused(what, outTradeNo, "no such order");
            return Optional.empty();
        }
        if (!Settlement.sameAmount(order.get(), message.get("total_amount"))) {
            SecurityEvents.refused(what, outTradeNo, "total_amount " + SecurityEvents.clip(message.get("total_amount"))
                    + " is not the order's " + order.get().amount());
            return Optional.empty();
        }
        return order;
    }

    /** rsaCheckV1 removes sign and sign_type from the map it gets: give it a copy. */
    private boolean signedByAlipay(Map<String, String> message) {
        if (message.get("sign") == null) {
            return false;
        }
        try {
            return AlipaySignature.rsaCheckV1(new HashMap<>(message), properties.alipayPublicKey(),
                    AlipayProperties.CHARSET, AlipayProperties.SIGN_TYPE);
        } catch (AlipayApiException | RuntimeException e) {
            return false;
        }
    }
}
