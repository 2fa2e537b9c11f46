package io.wayfarer.payment.alipay;

/** Alipay gave no usable answer: unreachable, timed out, or an answer whose signature does not verify. */
class AlipayUnavailable extends RuntimeException {

    AlipayUnavailable(String message) {
        super(message);
    }

    AlipayUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
