package io.wayfarer.payment.refund;

import io.wayfarer.payment.alipay.Refunds;
import io.wayfarer.payment.order.OrderAccess;
import io.wayfarer.platform.identity.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/orders/{id}/refunds}: an order administrator refunds a paid order in full (or
 * the late payment of a closed one). 201 the first time, 200 with the same refund afterwards.
 */
@RestController
@RequestMapping(path = "/v1/orders/{id}/refunds", produces = MediaType.APPLICATION_JSON_VALUE)
class RefundController {

    private final OrderAccess access;
    private final Refunds refunds;

    RefundController(OrderAccess access, Refunds refunds) {
        this.access = access;
        this.refunds = refunds;
    }

    @PostMapping
    ResponseEntity<Refunds.RefundView> refund(CurrentUser user, @PathVariable String id,
            @Valid @RequestBody(required = false) RefundRequest body) {
        OrderAccess.requireAdmin(user);
        String reason = body == null || body.reason() == null || body.reason().isBlank() ? "Refund" : body.reason();
        Refunds.Outcome outcome = refunds.refund(access.visible(id, user), reason, user.userId());
        URI location = URI.create("/v1/orders/" + outcome.refund().orderId());
        return outcome.created() ? ResponseEntity.created(location).body(outcome.refund())
                : ResponseEntity.ok().location(location).body(outcome.refund());
    }

    record RefundRequest(@Size(max = 200) String reason) {
    }
}
