package io.wayfarer.payment.alipay;

import io.wayfarer.payment.order.Order;
import io.wayfarer.payment.order.OrderStatus;
import io.wayfarer.payment.order.TradeClosing;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * alipay.trade.close before an order closes. Closed, or never created at Alipay: the order may
 * close. Refused because the trade is paid: the payment is applied instead (the order becomes PAID).
 */
@Component
class AlipayTradeClosing implements TradeClosing {

    private final AlipayTrades trades;
    private final Payments payments;

    AlipayTradeClosing(AlipayTrades trades, Payments payments) {
        this.trades = trades;
        this.payments = payments;
    }

    @Override
    public Outcome closeTrade(Order order) {
        try {
            String refusal = trades.close(order.outTradeNo());
            if (refusal == null || "ACQ.TRADE_NOT_EXIST".equals(refusal)) {
                return Outcome.CLOSED;
            }
            // e.g. ACQ.TRADE_STATUS_ERROR: the trade is paid, finished or already closed — ask which
            Optional<AlipayTrades.Trade> trade = payments.reconcile(order);
            if (trade.isEmpty() || "TRADE_CLOSED".equals(trade.get().status())) {
                return Outcome.CLOSED;
            }
            if (trade.get().paid()) {
                return order.status() == OrderStatus.PAID || payments.statusNow(order) == OrderStatus.PAID
                        ? Outcome.PAID : Outcome.UNAVAILABLE;
            }
            return Outcome.UNAVAILABLE;
        } catch (AlipayUnavailable e) {
            return Outcome.UNAVAILABLE;
        }
    }
}
