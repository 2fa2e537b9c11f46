package io.wayfarer.catalog.departure;

import java.time.Instant;
import java.time.LocalDate;

/** A departure as the API shows it. */
record DepartureView(long id, long tripId, LocalDate startsOn, int seatsTotal, int seatsLeft, long version,
        Instant createdAt) {
}
