package io.wayfarer.catalog.departure;

import java.time.Instant;

/** Seats held for one order: {@code HELD} → {@code CONFIRMED} (paid) or → {@code RELEASED} (seats returned). */
record Reservation(String orderId, long departureId, int seats, String status, Instant createdAt, Instant updatedAt) {
}
