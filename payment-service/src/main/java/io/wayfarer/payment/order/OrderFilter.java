package io.wayfarer.payment.order;

import java.util.UUID;

/** List filters: {@code user_id} (administrators only), {@code status}, {@code trip_id}. */
record OrderFilter(UUID userId, OrderStatus status, Long tripId) {
}
