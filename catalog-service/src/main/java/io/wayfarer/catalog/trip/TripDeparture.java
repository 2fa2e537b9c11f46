package io.wayfarer.catalog.trip;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import org.hibernate.annotations.Immutable;

/**
 * The trip listing's read-only view of departures, for the {@code departs_after} filter. The
 * departure feature owns and writes the table.
 */
@Entity(name = "TripDeparture")
@Table(name = "departure")
@Immutable
class TripDeparture {

    @Id
    private Long id;
    private Long tripId;
    private LocalDate startsOn;
    private Instant deletedAt;

    protected TripDeparture() {
    }
}
