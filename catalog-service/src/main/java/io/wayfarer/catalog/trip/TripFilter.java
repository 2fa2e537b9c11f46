package io.wayfarer.catalog.trip;

import java.math.BigDecimal;
import java.time.LocalDate;

/** Filters of {@code GET /v1/trips}; {@code status} only for staff (everyone else sees published trips). */
record TripFilter(Long destinationId, Long expertId, String tag, BigDecimal priceMin, BigDecimal priceMax,
        LocalDate departsAfter, String q, TripStatus status) {
}
