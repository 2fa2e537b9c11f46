package io.wayfarer.payment.alipay;

import io.wayfarer.payment.order.Order;
import io.wayfarer.payment.order.OrderLifecycle;
import io.wayfarer.payment.order.OrderStatus;
import io.wayfarer.platform.problem.ProblemException;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Full refunds through alipay.trade.refund. The out_request_no is derived from the order, so it is
 * the same on every attempt: a retry after a lost answer is the same refund at Alipay, never a
 * second one. The order becomes REFUNDED (seats released) only once Alipay says it refunded. A
 * CLOSED order's late payment is refunded the same way; the order stays CLOSED.
 */
@Component
public class Refunds {

    private final AlipayTrades trades;
    private final OrderLifecycle lifecycle;
    private final JdbcClient jdbc;
    private final Clock clock;

    Refunds(AlipayTrades trades, OrderLifecycle lifecycle, JdbcClient jdbc, Clock clock) {
        this.trades = trades;
        this.lifecycle = lifecycle;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Outcome refund(Order order, String reason, UUID admin) {
        String outRequestNo = "RF" + order.outTradeNo();
        Optional<RefundView> done = find(outRequestNo).filter(refund -> refund.status().equals("SUCCEEDED"));
        if (done.isPresent()) {
            return new Outcome(done.get(), false);
        }
        BigDecimal amount = refundable(order);
        jdbc.sql("""
                INSERT INTO refund (out_request_no, order_id, amount, reason, requested_by, status, created_at)
                VALUES (?, ?, ?, ?, ?, 'REQUESTED', ?) ON CONFLICT (out_request_no) DO NOTHING""")
                .params(outRequestNo, order.id(), amount, reason, admin, Timestamp.from(clock.instant())).update();
        AlipayTrades.RefundAnswer answer;
        try {
            answer = trades.refund(order.outTradeNo(), amount, outRequestNo, reason);
        } catch (AlipayUnavailable e) {
            throw ProblemException.custom("payment-provider-unavailable", "Alipay unavailable",
                    HttpStatus.SERVICE_UNAVAILABLE, "The refund could not be confirmed by Alipay; asking again is safe.")
                    .withHeader(HttpHeaders.RETRY_AFTER, "30");
        }
        if (!answer.success()) {
            throw ProblemException.custom("refund-refused", "Refund refused", HttpStatus.BAD_GATEWAY,
                    "Alipay refused the refund: " + answer.subCode() + " " + answer.subMessage());
        }
        Instant now = clock.instant();
        if (order.status() == OrderStatus.PAID) {
            lifecycle.markRefunded(order);
        } else {
            jdbc.sql("UPDATE late_payment SET refunded_at = ? WHERE out_trade_no = ? AND refunded_at IS NULL")
                    .params(Timestamp.from(now), order.outTradeNo()).update();
        }
        jdbc.sql("UPDATE refund SET status = 'SUCCEEDED', completed_at = ? WHERE out_request_no = ? AND status = 'REQUESTED'")
                .params(Timestamp.from(now), outRequestNo).update();
        return new Outcome(find(outRequestNo).orElseThrow(), true);
    }

    /** What may be refunded: a PAID order's amount, or a CLOSED order's unrefunded late payment. */
    private BigDecimal refundable(Order order) {
        if (order.status() == OrderStatus.PAID) {
            return order.amount();
        }
        if (order.status() == OrderStatus.CLOSED) {
            Optional<BigDecimal> late = jdbc.sql("SELECT amount FROM late_payment WHERE out_trade_no = ? AND refunded_at IS NULL")
                    .param(order.outTradeNo()).query(BigDecimal.class).optional();
            if (late.isPresent()) {
                return late.get();
            }
        }
        throw ProblemException.custom("order-not-refundable", "Order cannot be refunded", HttpStatus.CONFLICT,
                "The order is " + order.status() + " and holds no payment to refund.");
    }

    private Optional<RefundView> find(String outRequestNo) {
        return jdbc.sql("SELECT order_id, out_request_no, amount, reason, status, created_at, completed_at FROM refund "
                        + "WHERE out_request_no = ?")
                .param(outRequestNo)
                .query((rs, n) -> new RefundView(rs.getObject(1, UUID.class), rs.getString(2), rs.getBigDecimal(3),
                        rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant(),
                        rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant()))
                .optional();
    }

    public record RefundView(UUID orderId, String outRequestNo, BigDecimal amount, String reason, String status,
            Instant createdAt, Instant completedAt) {
    }

    public record Outcome(RefundView refund, boolean created) {
    }
}
