package io.wayfarer.payment.order;

/**
 * Ends an order's trade at the payment provider before the order is closed, so that nobody can pay
 * for seats that were given back. Implemented by the Alipay feature (this package does not know
 * Alipay).
 */
public interface TradeClosing {

    Outcome closeTrade(Order order);

    enum Outcome {
        /** The trade is closed, or never existed: the order may close. */
        CLOSED,
        /** The buyer had paid after all: the order is (now) PAID and must not close. */
        PAID,
        /** The provider could not be asked: try again later. */
        UNAVAILABLE
    }
}
