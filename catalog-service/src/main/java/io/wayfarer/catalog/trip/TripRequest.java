package io.wayfarer.catalog.trip;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;

/** The writable fields of a trip: body of POST and PUT (full replacement), target of a merge patch. */
record TripRequest(
        @NotBlank @Size(max = 200) String title,
        @NotBlank @Size(max = 500) String summary,
        @Size(max = 20_000) String description,
        @NotNull @Positive Long destinationId,
        @Positive Long expertId,
        @NotNull @DecimalMin("0.00") @Digits(integer = 10, fraction = 2) BigDecimal price,
        @NotNull @Pattern(regexp = "CNY", message = "only CNY is sold") String currency,
        @NotNull @Min(1) @Max(365) Integer durationDays,
        @Size(max = 20) List<@NotBlank @Size(max = 40) String> tags,
        @Size(max = 500) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String coverImageUrl,
        @NotNull @Pattern(regexp = "draft|published|archived", message = "must be draft, published or archived")
        String status) {
}
