package io.wayfarer.payment.alipay;

import io.wayfarer.payment.order.Order;
import io.wayfarer.payment.order.OrderLifecycle;
import io.wayfarer.payment.order.OrderStatus;
import io.wayfarer.payment.order.Orders;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What a verified "this trade is paid" means for the order — the same whether it came from a
 * notice, an active query or a refused close: CREATED becomes PAID exactly once; a trade paid for
 * an order that was closed meanwhile is kept as a late payment for the administrators to refund.
 * The caller has already checked the signature, app id, seller and amount.
 */
@Component
class Settlement {

    private static final Logger log = LoggerFactory.getLogger(Settlement.class);

    private final Orders orders;
    private final OrderLifecycle lifecycle;
    private final JdbcClient jdbc;
    private final Clock clock;

    Settlement(Orders orders, OrderLifecycle lifecycle, JdbcClient jdbc, Clock clock) {
        this.orders = orders;
        this.lifecycle = lifecycle;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Applies a paid trade; returns the order's state afterwards (committed). */
    OrderStatus paid(Order order, String tradeNo, BigDecimal amount, String source) {
        if (lifecycle.markPaid(order, tradeNo)) {
            log.info("order {} PAID (trade {}, from {})", order.id(), tradeNo, source);
            return OrderStatus.PAID;
        }
        Order now = orders.find(order.id()).orElseThrow();
        if (now.status() == OrderStatus.CLOSED) {
            int recorded = jdbc.sql("""
                    INSERT INTO late_payment (out_trade_no, order_id, trade_no, amount, received_at)
                    VALUES (?, ?, ?, ?, ?) ON CONFLICT (out_trade_no) DO NOTHING""")
                    .params(now.outTradeNo(), now.id(), tradeNo, amount, Timestamp.from(clock.instant())).update();
            if (recorded == 1) {
                log.error("LATE PAYMENT: order {} was CLOSED when Alipay reported trade {} paid ({} {}); "
                        + "recorded for refund", now.id(), tradeNo, amount, now.currency());
            }
        } else if (tradeNo != null && now.tradeNo() != null && !tradeNo.equals(now.tradeNo())) {
            SecurityEvents.refused("second trade", now.outTradeNo(), "order already paid by trade " + now.tradeNo());
        }
        return now.status();
    }

    /** Whether the amount Alipay reports is exactly the order's. */
    static boolean sameAmount(Order order, String reported) {
        try {
            return reported != null && new BigDecimal(reported).compareTo(order.amount()) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
