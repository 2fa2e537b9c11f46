package io.wayfarer.rbac.category;

import io.wayfarer.platform.paging.ListPage;
import io.wayfarer.platform.paging.ListQuery;
import io.wayfarer.platform.problem.ProblemException;
import io.wayfarer.platform.problem.ProblemType;
import io.wayfarer.rbac.access.EntityTags;
import io.wayfarer.rbac.audit.AuditTrail;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Resource categories (product, order, marketing, permission, content, other and any an admin
 * adds). Not part of the policy snapshot, so changes here are audited but do not bump its version.
 */
@Component
public class Categories {

    private final ResourceCategories categories;
    private final JdbcClient jdbc;
    private final AuditTrail audit;

    Categories(ResourceCategories categories, JdbcClient jdbc, AuditTrail audit) {
        this.categories = categories;
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** The id of a category code, for resources. */
    @Transactional(readOnly = true)
    public Optional<Long> idOf(String code) {
        return categories.findByCode(code).map(ResourceCategory::id);
    }

    /** Every category code by id (a handful of rows), for showing resources. */
    @Transactional(readOnly = true)
    public Map<Long, String> codesById() {
        return categories.findAll().stream().collect(Collectors.toMap(ResourceCategory::id, ResourceCategory::code));
    }

    @Transactional(readOnly = true)
    ListPage<CategoryView> list(ListQuery query) {
        return ListPage.of(categories.findAll(query.pageable("id")), query, ResourceCategory::view);
    }

    @Transactional(readOnly = true)
    ResourceCategory existing(long id) {
        return categories.findById(id).orElseThrow(() -> ProblemException.of(ProblemType.NOT_FOUND,
                "No resource category " + id + "."));
    }

    @Transactional
    CategoryView create(CategoryRequest request, UUID actor) {
        if (categories.findByCode(request.code()).isPresent()) {
            throw duplicate(request.code());
        }
        try {
            ResourceCategory created = categories.saveAndFlush(
                    new ResourceCategory(request.code(), request.name().trim(), request.sortOrder()));
            audit.record(actor, "category.created", "category", created.id(), null, created.view(), null);
            return created.view();
        } catch (DataIntegrityViolationException race) {
            throw duplicate(request.code());
        }
    }

    @Transactional
    ResourceCategory replace(long id, CategoryRequest request, String ifMatch, UUID actor) {
        ResourceCategory category = existing(id);
        EntityTags.checkIfMatch(ifMatch, category.version());
        if (!category.code().equals(request.code())) {
            throw ProblemException.custom("immutable-field", "Field cannot change", HttpStatus.CONFLICT,
                    "A category's code cannot change (it is " + category.code() + ").");
        }
        return change(category, request.name().trim(), request.sortOrder(), actor);
    }

    @Transactional
    ResourceCategory patch(long id, CategoryPatch patch, String ifMatch, UUID actor) {
        ResourceCategory category = existing(id);
        EntityTags.checkIfMatch(ifMatch, category.version());
        CategoryView current = category.view();
        return change(category, patch.name() == null ? current.name() : patch.name().trim(),
                patch.sortOrder() == null ? current.sortOrder() : patch.sortOrder(), actor);
    }

    private ResourceCategory change(ResourceCategory category, String name, int sortOrder, UUID actor) {
        CategoryView before = category.view();
        category.describe(name, sortOrder);
        ResourceCategory saved = categories.saveAndFlush(category);
        audit.record(actor, "category.updated", "category", saved.id(), before, saved.view(), null);
        return saved;
    }

    @Transactional
    void delete(long id, String ifMatch, UUID actor) {
        ResourceCategory category = existing(id);
        EntityTags.checkIfMatch(ifMatch, category.version());
        long used = jdbc.sql("SELECT count(*) FROM resource WHERE category_id = ?").param(id).query(Long.class).single();
        if (used > 0) {
            throw inUse(category.code(), used);
        }
        try {
            categories.delete(category);
            categories.flush();
        } catch (DataIntegrityViolationException race) {
            throw inUse(category.code(), 1);
        }
        audit.record(actor, "category.deleted", "category", id, category.view(), null, null);
    }

    private static ProblemException duplicate(String code) {
        return ProblemException.of(ProblemType.CONFLICT, "A resource category with code " + code + " exists.");
    }

    private static ProblemException inUse(String code, long resources) {
        return ProblemException.custom("category-in-use", "Category in use", HttpStatus.CONFLICT,
                "Category " + code + " still holds " + resources + " resource(s); move or delete them first.");
    }
}
