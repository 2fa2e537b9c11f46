package io.wayfarer.catalog.destination;

import io.wayfarer.catalog.cache.Versioned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A place trips go to. Soft-deleted: a deleted destination answers 410 and takes no new trips. */
@Entity
@Table(name = "destination")
class Destination {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String name;
    private String country;
    private String region;
    private String description;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    private List<String> tags;
    @Version
    private long version;
    private Instant createdAt;
    private Instant updatedAt;
    private Instant deletedAt;

    protected Destination() {
    }

    Destination(DestinationRequest request, Instant now) {
        this.createdAt = now;
        replace(request, now);
    }

    void replace(DestinationRequest request, Instant now) {
        this.name = request.name().trim();
        this.country = request.country().trim();
        this.region = request.region();
        this.description = request.description() == null ? "" : request.description();
        this.tags = request.tags() == null ? List.of() : List.copyOf(request.tags());
        this.updatedAt = now;
    }

    void delete(Instant now) {
        this.deletedAt = now;
        this.updatedAt = now;
    }

    boolean deleted() {
        return deletedAt != null;
    }

    long id() {
        return id;
    }

    long version() {
        return version;
    }

    DestinationRequest asRequest() {
        return new DestinationRequest(name, country, region, description, tags);
    }

    DestinationView view() {
        return new DestinationView(id, name, country, region, description, List.copyOf(tags), version, createdAt,
                updatedAt);
    }

    Versioned<DestinationView> versioned() {
        return deleted() ? Versioned.gone(version) : new Versioned<>(version, view());
    }
}
