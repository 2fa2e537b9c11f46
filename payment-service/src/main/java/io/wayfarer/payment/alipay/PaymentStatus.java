package io.wayfarer.payment.alipay;

import java.time.Instant;
import java.util.UUID;

/**
 * An order's payment as far as we know it.
 *
 * @param tradeStatus Alipay's trade status when it was asked now (null when not asked or unreachable)
 * @param checkedWithAlipay whether Alipay answered this time
 */
record PaymentStatus(UUID orderId, String status, String tradeNo, String tradeStatus, boolean checkedWithAlipay,
        Instant checkedAt) {
}
