package io.wayfarer.rbac.resource;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.data.jpa.domain.Specification;

/** Filters of {@code GET /v1/resources}: category id, method, owning service, and {@code q} in name, pattern or description. */
record ResourceFilter(Long categoryId, String method, String service, String q) {

    Specification<RouteResource> specification() {
        return (root, query, cb) -> {
            List<jakarta.persistence.criteria.Predicate> where = new ArrayList<>();
            if (categoryId != null) {
                where.add(cb.equal(root.get("categoryId"), categoryId));
            }
            if (method != null) {
                where.add(cb.equal(root.get("method"), method));
            }
            if (service != null) {
                where.add(cb.equal(root.get("service"), service));
            }
            if (q != null && !q.isBlank()) {
                String like = "%" + q.trim().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                        .replace("_", "\\_") + "%";
                where.add(cb.or(cb.like(cb.lower(root.get("name")), like, '\\'),
                        cb.like(cb.lower(root.get("pattern")), like, '\\'),
                        cb.like(cb.lower(root.get("description")), like, '\\')));
            }
            return cb.and(where.toArray(jakarta.persistence.criteria.Predicate[]::new));
        };
    }
}
