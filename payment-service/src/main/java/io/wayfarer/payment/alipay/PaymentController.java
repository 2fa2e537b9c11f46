package io.wayfarer.payment.alipay;

import io.wayfarer.payment.order.Order;
import io.wayfarer.payment.order.OrderAccess;
import io.wayfarer.platform.identity.CurrentUser;
import io.wayfarer.platform.problem.ProblemException;
import io.wayfarer.platform.problem.ProblemType;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Paying an order with Alipay, and asking where its payment stands. */
@RestController
@RequestMapping(path = "/v1/orders/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
class PaymentController {

    private final OrderAccess access;
    private final Payments payments;

    PaymentController(OrderAccess access, Payments payments) {
        this.access = access;
        this.payments = payments;
    }

    /** 201 with the signed Alipay cashier URL (and the equivalent POST form) for the order's owner. */
    @PostMapping("/payments")
    ResponseEntity<PaymentView> pay(CurrentUser user, @PathVariable String id) {
        Order order = access.visible(id, user);
        if (!order.ownedBy(user.userId())) {
            throw ProblemException.of(ProblemType.FORBIDDEN, "Only the traveller who placed the order pays for it.");
        }
        AlipayTrades.PayPage page = payments.start(order);
        return ResponseEntity.created(URI.create("/v1/orders/" + order.id() + "/payment-status"))
                .body(new PaymentView(order.id(), order.outTradeNo(), order.amount(), order.currency(),
                        order.expiresAt(), "alipay", page.url(), page.form()));
    }

    /** The order's state after asking Alipay (alipay.trade.query) when it is still unpaid. */
    @GetMapping("/payment-status")
    PaymentStatus status(CurrentUser user, @PathVariable String id) {
        return payments.status(access.visible(id, user));
    }

    /** What the browser needs: go to {@code payUrl}, or render and submit {@code payForm}. */
    record PaymentView(UUID orderId, String outTradeNo, BigDecimal amount, String currency, Instant payBefore,
            String provider, String payUrl, String payForm) {
    }
}
