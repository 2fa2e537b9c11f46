package io.wayfarer.auth.account;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface UserAccounts extends JpaRepository<UserAccount, UUID>, JpaSpecificationExecutor<UserAccount> {

    Optional<UserAccount> findByAccount(String account);

    @Query("select u from UserAccount u where lower(u.email) = lower(?1)")
    Optional<UserAccount> findByEmailIgnoreCase(String email);

    /**
     * Records a login without the entity's version check: two logins of one account at once (a client or a
     * load balancer retrying on another instance) must both succeed, and last_login_at only moves forward.
     */
    @Modifying
    @Query("update UserAccount u set u.lastLoginAt = ?2 where u.id = ?1 and (u.lastLoginAt is null or u.lastLoginAt < ?2)")
    int recordLogin(UUID id, Instant at);
}
