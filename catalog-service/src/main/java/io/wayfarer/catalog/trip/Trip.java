package io.wayfarer.catalog.trip;

import io.wayfarer.catalog.entry.CatalogEntry;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A trip — the product travellers book. Prices are CNY decimals. The review aggregates are moved
 * only by {@link TripRatings} (atomic increments), so this entity never writes them.
 */
@Entity
@Table(name = "trip")
class Trip extends CatalogEntry<TripView> {

    private String title;
    private String summary;
    private String description;
    private long destinationId;
    private Long expertId;
    private BigDecimal price;
    private String currency;
    private int durationDays;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    private List<String> tags;
    private String coverImageUrl;
    @Enumerated(EnumType.STRING)
    private TripStatus status;
    @Column(insertable = false, updatable = false)
    private long ratingCount;
    @Column(insertable = false, updatable = false)
    private long ratingSum;
    @Column(insertable = false, updatable = false)
    private BigDecimal ratingAvg;

    protected Trip() {
    }

    Trip(TripRequest request, Instant now) {
        super(now);
        replace(request, now);
    }

    void replace(TripRequest request, Instant now) {
        this.title = request.title().trim();
        this.summary = request.summary().trim();
        this.description = request.description() == null ? "" : request.description();
        this.destinationId = request.destinationId();
        this.expertId = request.expertId();
        this.price = request.price();
        this.currency = request.currency();
        this.durationDays = request.durationDays();
        this.tags = request.tags() == null ? List.of() : List.copyOf(request.tags());
        this.coverImageUrl = request.coverImageUrl();
        this.status = TripStatus.fromApi(request.status());
        changedAt(now);
    }

    boolean expertChangesTo(Long newExpertId) {
        return !Objects.equals(expertId, newExpertId);
    }

    Long expertId() {
        return expertId;
    }

    long ratingCount() {
        return ratingCount;
    }

    long ratingSum() {
        return ratingSum;
    }

    TripRequest asRequest() {
        return new TripRequest(title, summary, description, destinationId, expertId, price, currency, durationDays,
                tags, coverImageUrl, status.apiName());
    }

    @Override
    protected TripView view() {
        return new TripView(id(), title, summary, description, destinationId, expertId, price, currency, durationDays,
                List.copyOf(tags), coverImageUrl, status.apiName(), ratingAvg == null ? BigDecimal.ZERO : ratingAvg,
                ratingCount, version(), createdAt(), updatedAt());
    }
}
