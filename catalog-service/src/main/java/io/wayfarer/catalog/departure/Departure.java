package io.wayfarer.catalog.departure;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One date a trip leaves on, with its seats. {@code seatsLeft} is set once here and afterwards
 * moved only by {@link SeatReservations}' guarded statements — never by writing this entity.
 */
@Entity
@Table(name = "departure")
class Departure {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private long tripId;
    private LocalDate startsOn;
    private int seatsTotal;
    @Column(updatable = false)
    private int seatsLeft;
    @Version
    private long version;
    private Instant createdAt;
    private Instant deletedAt;

    protected Departure() {
    }

    Departure(long tripId, DepartureRequest request, Instant now) {
        this.tripId = tripId;
        this.startsOn = request.startsOn();
        this.seatsTotal = request.seatsTotal();
        this.seatsLeft = request.seatsTotal();
        this.createdAt = now;
    }

    void cancel(Instant now) {
        this.deletedAt = now;
    }

    boolean cancelled() {
        return deletedAt != null;
    }

    long id() {
        return id;
    }

    long tripId() {
        return tripId;
    }

    long version() {
        return version;
    }

    DepartureView view() {
        return new DepartureView(id, tripId, startsOn, seatsTotal, seatsLeft, version, createdAt);
    }
}
