package io.wayfarer.rbac.role;

import jakarta.persistence.criteria.Predicate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.data.jpa.domain.Specification;

/** Filters of {@code GET /v1/roles}: {@code built_in}, and {@code q} in code, name or description. */
record RoleFilter(Boolean builtIn, String q) {

    Specification<Role> specification() {
        return (root, query, cb) -> {
            List<Predicate> where = new ArrayList<>();
            if (builtIn != null) {
                where.add(cb.equal(root.get("builtIn"), builtIn));
            }
            if (q != null && !q.isBlank()) {
                String like = "%" + q.trim().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                        .replace("_", "\\_") + "%";
                where.add(cb.or(cb.like(cb.lower(root.get("code")), like, '\\'),
                        cb.like(cb.lower(root.get("name")), like, '\\'),
                        cb.like(cb.lower(root.get("description")), like, '\\')));
            }
            return cb.and(where.toArray(Predicate[]::new));
        };
    }
}
