package io.wayfarer.rbac.resource;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** A protected resource: one HTTP method (or ANY) on one route pattern. */
@Entity
@Table(name = "resource")
class RouteResource {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String name;
    private String method;
    private String pattern;
    @Column(name = "category_id")
    private long categoryId;
    private String service;
    private String description;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "updated_at")
    private Instant updatedAt;
    @Version
    private long version;

    protected RouteResource() {
    }

    RouteResource(ResourceDefinition definition, Instant now) {
        this.createdAt = now;
        redefine(definition, now);
    }

    void redefine(ResourceDefinition definition, Instant now) {
        this.name = definition.name();
        this.method = definition.method();
        this.pattern = definition.pattern();
        this.categoryId = definition.categoryId();
        this.service = definition.service();
        this.description = definition.description();
        this.updatedAt = now;
    }

    ResourceDefinition definition() {
        return new ResourceDefinition(name, method, pattern, categoryId, service, description);
    }

    ResourceView view(String categoryCode) {
        return new ResourceView(id, name, method, pattern, categoryCode, service, description, createdAt, updatedAt);
    }

    Long id() {
        return id;
    }

    long categoryId() {
        return categoryId;
    }

    long version() {
        return version;
    }
}
