package io.wayfarer.payment.order;

import io.wayfarer.platform.problem.ProblemException;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * CREATED → CLOSED, by the buyer (cancel) or by the clock (expired unpaid). If the buyer was sent
 * to Alipay, the Alipay trade is closed first — if Alipay says it was paid meanwhile, the order
 * becomes PAID instead; if Alipay cannot be asked, the order stays open and the next run retries
 * (Alipay's {@code time_expire} already refuses payment after the window). Closing gives the seats back.
 */
@Component
public class OrderClosing {

    private static final Logger log = LoggerFactory.getLogger(OrderClosing.class);

    private final Orders orders;
    private final OrderLifecycle lifecycle;
    private final TradeClosing trades;
    private final Clock clock;

    OrderClosing(Orders orders, OrderLifecycle lifecycle, TradeClosing trades, Clock clock) {
        this.orders = orders;
        this.lifecycle = lifecycle;
        this.trades = trades;
        this.clock = clock;
    }

    /** The buyer (or an administrator) cancels an unpaid order. */
    Order cancel(Order order) {
        if (order.status() == OrderStatus.CLOSED) {
            return order;
        }
        if (order.status() != OrderStatus.CREATED) {
            throw notCancellable(order);
        }
        TradeClosing.Outcome outcome = order.paymentStartedAt() == null ? TradeClosing.Outcome.CLOSED : trades.closeTrade(order);
        switch (outcome) {
            case UNAVAILABLE -> throw ProblemException.custom("payment-provider-unavailable", "Alipay unavailable",
                    HttpStatus.SERVICE_UNAVAILABLE, "Alipay cannot be reached to close the payment; try again shortly.")
                    .withHeader(HttpHeaders.RETRY_AFTER, "30");
            case PAID -> throw notCancellable(reload(order));
            case CLOSED -> lifecycle.close(order, "cancelled");
        }
        Order now = reload(order);
        if (now.status() != OrderStatus.CLOSED) {
            throw notCancellable(now);
        }
        return now;
    }

    /** Closes the orders whose payment window has passed. Each close is guarded, so instances may overlap. */
    @Scheduled(fixedDelayString = "${wayfarer.orders.reconcile-interval:30s}", initialDelayString = "10s")
    public void closeExpired() {
        List<Order> expired = orders.expiredUnpaid(clock.instant(), 100);
        for (Order order : expired) {
            try {
                expire(order);
            } catch (RuntimeException e) {
                log.warn("could not close expired order {}: {}", order.id(), e.toString());
            }
        }
    }

    /** Closes one expired order; true when it is CLOSED afterwards. */
    public boolean expire(Order order) {
        TradeClosing.Outcome outcome = order.paymentStartedAt() == null ? TradeClosing.Outcome.CLOSED : trades.closeTrade(order);
        if (outcome != TradeClosing.Outcome.CLOSED) {
            log.info("expired order {} not closed: Alipay says {}", order.id(), outcome);
            return false;
        }
        lifecycle.close(order, "expired");
        return reload(order).status() == OrderStatus.CLOSED;
    }

    private Order reload(Order order) {
        return orders.find(order.id()).orElseThrow();
    }

    private static ProblemException notCancellable(Order order) {
        return ProblemException.custom("order-not-cancellable", "Order cannot be cancelled", HttpStatus.CONFLICT,
                "The order is " + order.status() + "; only unpaid orders can be cancelled.");
    }
}
