package io.wayfarer.auth.external;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A login at another provider that stands for one Wayfarer account. */
@Entity
@Table(name = "external_identity")
class ExternalIdentity {

    @Id
    private UUID id;
    private String provider;
    private String subject;
    @Column(name = "user_id")
    private UUID userId;
    @Column(name = "display_name")
    private String displayName;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "last_login_at")
    private Instant lastLoginAt;

    protected ExternalIdentity() {
    }

    ExternalIdentity(ExternalProfile profile, UUID userId, Instant now) {
        this.id = UUID.randomUUID();
        this.provider = profile.provider();
        this.subject = profile.subject();
        this.userId = userId;
        this.displayName = profile.displayName();
        this.createdAt = now;
    }

    void recordLogin(ExternalProfile profile, Instant now) {
        this.displayName = profile.displayName();
        this.lastLoginAt = now;
    }

    IdentityView view() {
        return new IdentityView(provider, displayName, createdAt, lastLoginAt);
    }

    UUID userId() {
        return userId;
    }

    String provider() {
        return provider;
    }

    /** A linked identity as its owner sees it ({@code GET /v1/users/me/identities}). */
    record IdentityView(String provider, String displayName, Instant linkedAt, Instant lastLoginAt) {
    }
}
