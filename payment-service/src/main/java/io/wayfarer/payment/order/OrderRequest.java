package io.wayfarer.payment.order;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/**
 * {@code POST /v1/orders}: what to book. No price: the price is the catalogue's, never the client's.
 *
 * @param travellers how many seats (one per traveller)
 */
record OrderRequest(@NotNull @Positive Long tripId, @NotNull @Positive Long departureId,
        @NotNull @Min(1) @Max(MAX_TRAVELLERS) Integer travellers) {

    static final int MAX_TRAVELLERS = 9;

    /** What must match when the same Idempotency-Key is sent again. */
    String fingerprint() {
        return tripId + ":" + departureId + ":" + travellers;
    }
}
