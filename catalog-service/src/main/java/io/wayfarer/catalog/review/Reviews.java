package io.wayfarer.catalog.review;

import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

interface Reviews extends JpaRepository<Review, Long>, JpaSpecificationExecutor<Review> {

    boolean existsByTripIdAndUserIdAndDeletedAtIsNull(long tripId, UUID userId);
}
