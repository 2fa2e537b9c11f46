package io.wayfarer.auth.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "user_account")
class UserAccount {

    @Id
    private UUID id;
    private String account;
    @Column(name = "display_name")
    private String displayName;
    private String email;
    @Column(name = "password_hash")
    private String passwordHash;
    private boolean enabled;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "last_login_at")
    private Instant lastLoginAt;
    @Column(name = "password_changed_at")
    private Instant passwordChangedAt;
    @Version
    private long version;

    protected UserAccount() {
    }

    UserAccount(String account, String displayName, String email, String passwordHash, Instant now) {
        this.id = UUID.randomUUID();
        this.account = account;
        this.displayName = displayName;
        this.email = email;
        this.passwordHash = passwordHash;
        this.enabled = true;
        this.createdAt = now;
        this.passwordChangedAt = now;
    }

    /** An account that logs in only through a third-party identity (W8): no password, no email yet. */
    static UserAccount withoutPassword(String account, String displayName, Instant now) {
        UserAccount user = new UserAccount(account, displayName, null, null, now);
        user.passwordChangedAt = null;
        return user;
    }

    void changePassword(String newHash, Instant now) {
        this.passwordHash = newHash;
        this.passwordChangedAt = now;
    }

    void rename(String newDisplayName) {
        this.displayName = newDisplayName;
    }

    void changeEmail(String newEmail) {
        this.email = newEmail;
    }

    void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    UserView view() {
        return new UserView(id, account, displayName, email, enabled, createdAt, lastLoginAt);
    }

    UUID id() {
        return id;
    }

    String account() {
        return account;
    }

    String passwordHash() {
        return passwordHash;
    }

    boolean enabled() {
        return enabled;
    }

    long version() {
        return version;
    }
}
