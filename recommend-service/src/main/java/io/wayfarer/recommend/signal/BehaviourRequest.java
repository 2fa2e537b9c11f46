package io.wayfarer.recommend.signal;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.util.UUID;

/**
 * What the web app records: {@code type} is one of view, favourite, share, comment, recommend (to a friend).
 * {@code userId} may be left out; if given it must be the caller's own (nobody records behaviour for others).
 * The time is the server's: a client cannot back-date or future-date a signal.
 */
record BehaviourRequest(@NotNull @Positive Long tripId, @NotBlank String type, UUID userId) {
}
