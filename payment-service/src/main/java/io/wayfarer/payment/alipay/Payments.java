package io.wayfarer.payment.alipay;

import io.wayfarer.payment.order.Order;
import io.wayfarer.payment.order.OrderProperties;
import io.wayfarer.payment.order.OrderStatus;
import io.wayfarer.payment.order.Orders;
import io.wayfarer.platform.problem.ProblemException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Starting a payment, and the active side of finding out whether it happened: alipay.trade.query
 * for one order (a user asking) or for every unpaid order whose buyer went to Alipay a while ago
 * (the reconciliation job — in case a notice never arrives).
 */
@Component
class Payments {

    private static final Logger log = LoggerFactory.getLogger(Payments.class);
    /** Alipay needs some time left to pay in; an order about to expire is not sent to the cashier. */
    private static final Duration MIN_TIME_TO_PAY = Duration.ofMinutes(1);

    private final AlipayTrades trades;
    private final Orders orders;
    private final Settlement settlement;
    private final OrderProperties properties;
    private final Clock clock;

    Payments(AlipayTrades trades, Orders orders, Settlement settlement, OrderProperties properties, Clock clock) {
        this.trades = trades;
        this.orders = orders;
        this.settlement = settlement;
        this.properties = properties;
        this.clock = clock;
    }

    AlipayTrades.PayPage start(Order order) {
        Instant now = clock.instant();
        if (order.status() != OrderStatus.CREATED) {
            throw ProblemException.custom("order-not-payable", "Order cannot be paid", HttpStatus.CONFLICT,
                    "The order is " + order.status() + "; only unpaid orders can be paid.");
        }
        if (now.plus(MIN_TIME_TO_PAY).isAfter(order.expiresAt())) {
            throw ProblemException.custom("order-expired", "Order expired", HttpStatus.CONFLICT,
                    "The payment window of this order has passed; place a new order.");
        }
        // recorded first: from now on, closing this order must close the Alipay trade too
        orders.markPaymentStarted(order.id(), now);
        try {
            return trades.pagePay(order);
        } catch (AlipayUnavailable e) {
            throw ProblemException.custom("payment-provider-unavailable", "Alipay unavailable",
                    HttpStatus.SERVICE_UNAVAILABLE, "The payment could not be prepared; try again shortly.")
                    .withHeader(HttpHeaders.RETRY_AFTER, "30");
        }
    }

    PaymentStatus status(Order order) {
        Instant now = clock.instant();
        if (order.status() != OrderStatus.CREATED || order.paymentStartedAt() == null) {
            return new PaymentStatus(order.id(), order.status().name(), order.tradeNo(), null, false, now);
        }
        try {
            Optional<AlipayTrades.Trade> trade = reconcile(order);
            Order current = orders.find(order.id()).orElseThrow();
            return new PaymentStatus(order.id(), current.status().name(), current.tradeNo(),
                    trade.map(AlipayTrades.Trade::status).orElse("NOT_CREATED"), true, now);
        } catch (AlipayUnavailable e) {
            return new PaymentStatus(order.id(), order.status().name(), null, null, false, now);
        }
    }

    /** Asks Alipay about the order's trade and applies a verified payment. */
    Optional<AlipayTrades.Trade> reconcile(Order order) {
        Optional<AlipayTrades.Trade> trade = trades.query(order.outTradeNo());
        trade.filter(AlipayTrades.Trade::paid).ifPresent(paid -> {
            if (!Settlement.sameAmount(order, paid.totalAmount())) {
                SecurityEvents.refused("query answer", order.outTradeNo(), "total_amount " + paid.totalAmount()
                        + " is not the order's " + order.amount());
                return;
            }
            settlement.paid(order, paid.tradeNo(), order.amount(), "query");
        });
        return trade;
    }

    OrderStatus statusNow(Order order) {
        return orders.find(order.id()).map(Order::status).orElse(order.status());
    }

    /** The reconciliation job. Each step is guarded, so overlapping instances do no harm. */
    @Scheduled(fixedDelayString = "${wayfarer.orders.reconcile-interval:30s}", initialDelayString = "15s")
    void reconcileAwaiting() {
        List<Order> awaiting = orders.awaitingPayment(clock.instant().minus(properties.queryAfter()), 50);
        for (Order order : awaiting) {
            try {
                reconcile(order);
            } catch (RuntimeException e) {
                log.warn("reconciliation of order {} failed: {}", order.id(), e.toString());
            }
        }
    }
}
