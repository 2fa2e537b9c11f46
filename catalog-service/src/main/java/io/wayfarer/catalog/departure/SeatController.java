package io.wayfarer.catalog.departure;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The internal seat API for payment-service (README, "Internal seat API"). Under
 * {@code /internal/**}, which the gateway refuses from outside; every call is idempotent by
 * order id, so Feign may retry all of them.
 */
@RestController
@RequestMapping(path = "/internal/v1", produces = MediaType.APPLICATION_JSON_VALUE)
class SeatController {

    private final SeatReservations reservations;

    SeatController(SeatReservations reservations) {
        this.reservations = reservations;
    }

    /** 201 for a new reservation, 200 with the same body for a replay. */
    @PostMapping(path = "/departures/{departureId}/reservations", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Reservation> reserve(@PathVariable long departureId, @Valid @RequestBody SeatRequest body) {
        SeatReservations.Outcome outcome = reservations.reserve(departureId, body.orderId(), body.seats());
        URI location = URI.create("/internal/v1/reservations/" + body.orderId());
        return outcome.created()
                ? ResponseEntity.created(location).body(outcome.reservation())
                : ResponseEntity.ok().location(location).body(outcome.reservation());
    }

    @GetMapping("/reservations/{orderId}")
    Reservation one(@PathVariable String orderId) {
        return reservations.existing(orderId);
    }

    @PostMapping("/reservations/{orderId}/confirm")
    Reservation confirm(@PathVariable String orderId) {
        return reservations.confirm(orderId);
    }

    @PostMapping("/reservations/{orderId}/release")
    Reservation release(@PathVariable String orderId) {
        return reservations.release(orderId);
    }

    /** Reserve {@code seats} for the order. */
    record SeatRequest(@NotBlank @Pattern(regexp = "[A-Za-z0-9._:-]{1,64}") String orderId, @NotNull @Min(1) @Max(100) Integer seats) {
    }
}
