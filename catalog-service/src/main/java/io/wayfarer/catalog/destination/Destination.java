package io.wayfarer.catalog.destination;

import io.wayfarer.catalog.entry.CatalogEntry;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A place trips go to. Soft-deleted: a deleted destination answers 410 and takes no new trips. */
@Entity
@Table(name = "destination")
class Destination extends CatalogEntry<DestinationView> {

    private String name;
    private String country;
    private String region;
    private String description;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    private List<String> tags;

    protected Destination() {
    }

    Destination(DestinationRequest request, Instant now) {
        super(now);
        replace(request, now);
    }

    void replace(DestinationRequest request, Instant now) {
        this.name = request.name().trim();
        this.country = request.country().trim();
        this.region = request.region();
        this.description = request.description() == null ? "" : request.description();
        this.tags = request.tags() == null ? List.of() : List.copyOf(request.tags());
        changedAt(now);
    }

    DestinationRequest asRequest() {
        return new DestinationRequest(name, country, region, description, tags);
    }

    @Override
    protected DestinationView view() {
        return new DestinationView(id(), name, country, region, description, List.copyOf(tags), version(),
                createdAt(), updatedAt());
    }
}
