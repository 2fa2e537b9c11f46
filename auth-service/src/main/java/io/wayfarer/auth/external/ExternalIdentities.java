package io.wayfarer.auth.external;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface ExternalIdentities extends JpaRepository<ExternalIdentity, UUID> {

    Optional<ExternalIdentity> findByProviderAndSubject(String provider, String subject);

    List<ExternalIdentity> findByUserIdOrderByCreatedAt(UUID userId);

    /** The user's identities, locked: two concurrent unlinks cannot both remove "the other one". */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select i from ExternalIdentity i where i.userId = ?1")
    List<ExternalIdentity> lockAllOf(UUID userId);
}
