package io.wayfarer.catalog.expert;

import io.wayfarer.catalog.entry.CatalogEntry;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A travel expert who leads trips and chats with travellers. The rating aggregates are written
 * only by {@link ExpertRatings} (atomic increments), never by this entity.
 */
@Entity
@Table(name = "expert")
class Expert extends CatalogEntry<ExpertView> {

    private String displayName;
    private String bio;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    private List<String> languages;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    private List<String> specialties;
    private UUID userId;
    @Column(insertable = false, updatable = false)
    private long ratingCount;
    @Column(insertable = false, updatable = false)
    private BigDecimal ratingAvg;

    protected Expert() {
    }

    Expert(ExpertRequest request, Instant now) {
        super(now);
        replace(request, now);
    }

    void replace(ExpertRequest request, Instant now) {
        this.displayName = request.displayName().trim();
        this.bio = request.bio() == null ? "" : request.bio();
        this.languages = request.languages() == null ? List.of() : List.copyOf(request.languages());
        this.specialties = request.specialties() == null ? List.of() : List.copyOf(request.specialties());
        this.userId = request.userId();
        changedAt(now);
    }

    ExpertRequest asRequest() {
        return new ExpertRequest(displayName, bio, languages, specialties, userId);
    }

    @Override
    protected ExpertView view() {
        return new ExpertView(id(), displayName, bio, List.copyOf(languages), List.copyOf(specialties), userId,
                ratingAvg == null ? BigDecimal.ZERO : ratingAvg, ratingCount, version(), createdAt(), updatedAt());
    }
}
