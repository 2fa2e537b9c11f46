package io.wayfarer.rbac.category;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

@Entity
@Table(name = "resource_category")
class ResourceCategory {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String code;
    private String name;
    @Column(name = "sort_order")
    private int sortOrder;
    @Version
    private long version;

    protected ResourceCategory() {
    }

    ResourceCategory(String code, String name, int sortOrder) {
        this.code = code;
        this.name = name;
        this.sortOrder = sortOrder;
    }

    void describe(String newName, int newSortOrder) {
        this.name = newName;
        this.sortOrder = newSortOrder;
    }

    CategoryView view() {
        return new CategoryView(id, code, name, sortOrder);
    }

    Long id() {
        return id;
    }

    String code() {
        return code;
    }

    long version() {
        return version;
    }
}
