package io.wayfarer.catalog.review;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** What a traveller writes: rating 1–5, text, and the name shown with the review. */
record ReviewRequest(@NotNull @Min(1) @Max(5) Integer rating, @Size(max = 5_000) String text,
        @Size(max = 80) String authorName) {
}
