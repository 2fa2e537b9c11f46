package io.wayfarer.payment.order;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Order settings ({@code wayfarer.orders.*}).
 *
 * @param paymentWindow     how long an unpaid order holds its seats (also Alipay's {@code time_expire})
 * @param reconcileInterval how often the reconciliation job runs
 * @param queryAfter        a CREATED order whose buyer went to Alipay this long ago is actively queried
 */
@Validated
@ConfigurationProperties("wayfarer.orders")
public record OrderProperties(
        @DefaultValue("15m") Duration paymentWindow,
        @DefaultValue("30s") Duration reconcileInterval,
        @DefaultValue("2m") Duration queryAfter) {
}
