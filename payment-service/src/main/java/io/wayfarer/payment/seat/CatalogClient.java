package io.wayfarer.payment.seat;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/**
 * catalog-service as payment-service needs it: the public trip and departure reads (the price comes
 * from here, never from the client) and the internal seat API, idempotent by order id.
 */
@FeignClient(name = "catalog-service", contextId = "catalog", configuration = CatalogErrors.class)
interface CatalogClient {

    @GetMapping("/v1/trips/{id}")
    Trip trip(@PathVariable("id") long tripId);

    @GetMapping("/v1/departures/{id}")
    Departure departure(@PathVariable("id") long departureId);

    @PostMapping("/internal/v1/departures/{departureId}/reservations")
    SeatHold reserve(@PathVariable("departureId") long departureId, @RequestBody SeatRequest request);

    @PostMapping("/internal/v1/reservations/{orderId}/confirm")
    SeatHold confirm(@PathVariable("orderId") String orderId);

    @PostMapping("/internal/v1/reservations/{orderId}/release")
    SeatHold release(@PathVariable("orderId") String orderId);

    record Trip(long id, String title, BigDecimal price, String currency, String status) {
    }

    record Departure(long id, long tripId, LocalDate startsOn, int seatsLeft) {
    }

    record SeatRequest(String orderId, int seats) {
    }

    record SeatHold(String orderId, long departureId, int seats, String status) {
    }
}
