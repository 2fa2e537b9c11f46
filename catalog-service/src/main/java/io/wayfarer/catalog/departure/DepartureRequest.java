package io.wayfarer.catalog.departure;

import jakarta.validation.constraints.FutureOrPresent;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;

/** A new departure of a trip. */
record DepartureRequest(@NotNull @FutureOrPresent LocalDate startsOn, @NotNull @Min(1) @Max(10_000) Integer seatsTotal) {
}
