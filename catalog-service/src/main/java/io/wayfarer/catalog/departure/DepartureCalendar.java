package io.wayfarer.catalog.departure;

import io.wayfarer.catalog.rest.Preconditions;
import io.wayfarer.platform.problem.ProblemException;
import io.wayfarer.platform.problem.ProblemType;
import java.time.Clock;
import java.util.OptionalLong;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Adding and cancelling departures; a departure with booked seats cannot be cancelled. */
@Service
class DepartureCalendar {

    private final Departures departures;
    private final SeatReservations reservations;
    private final Clock clock;

    DepartureCalendar(Departures departures, SeatReservations reservations, Clock clock) {
        this.departures = departures;
        this.reservations = reservations;
        this.clock = clock;
    }

    @Transactional
    Departure add(long tripId, DepartureRequest request) {
        return departures.saveAndFlush(new Departure(tripId, request, clock.instant()));
    }

    @Transactional
    void cancel(long id, OptionalLong expectedVersion) {
        Departure departure = existing(id);
        Preconditions.check(expectedVersion, departure.version());
        if (reservations.activeOn(id) > 0) {
            throw ProblemException.of(ProblemType.CONFLICT, "This departure has booked seats; release them first.");
        }
        departure.cancel(clock.instant());
        departures.flush();
    }

    Departure existing(long id) {
        Departure departure = departures.findById(id)
                .orElseThrow(() -> ProblemException.of(ProblemType.NOT_FOUND, "No departure " + id + "."));
        if (departure.cancelled()) {
            throw ProblemException.of(ProblemType.GONE, "Departure " + id + " was cancelled.");
        }
        return departure;
    }
}
