package io.wayfarer.rbac.role;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

@Entity
@Table(name = "role")
class Role {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String code;
    private String name;
    private String description;
    @Column(name = "built_in")
    private boolean builtIn;
    @Column(name = "all_resources")
    private boolean allResources;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "updated_at")
    private Instant updatedAt;
    @Version
    private long version;

    protected Role() {
    }

    Role(String code, String name, String description, Instant now) {
        this.code = code;
        this.name = name;
        this.description = description;
        this.createdAt = now;
        this.updatedAt = now;
    }

    void describe(String newName, String newDescription, Instant now) {
        this.name = newName;
        this.description = newDescription;
        this.updatedAt = now;
    }

    RoleView view() {
        return new RoleView(id, code, name, description, builtIn, allResources, createdAt, updatedAt);
    }

    Long id() {
        return id;
    }

    String code() {
        return code;
    }

    boolean builtIn() {
        return builtIn;
    }

    long version() {
        return version;
    }
}
