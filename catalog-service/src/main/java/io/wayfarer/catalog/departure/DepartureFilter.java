package io.wayfarer.catalog.departure;

import java.time.LocalDate;

/** Filters of {@code GET /v1/trips/{id}/departures}; {@code available}: only departures with seats left. */
record DepartureFilter(LocalDate departsAfter, LocalDate departsBefore, Boolean available) {
}
