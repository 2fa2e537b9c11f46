package io.wayfarer.catalog.query;

import jakarta.persistence.criteria.Predicate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.data.jpa.domain.Specification;

/**
 * The list filters every catalogue resource shares, as JPA specifications: not deleted, tagged
 * with (a PostgreSQL array containment, served by the GIN index), and {@code q} — a
 * case-insensitive substring of any of the given fields, with LIKE wildcards escaped.
 */
public final class Filters {

    private Filters() {
    }

    public static <T> Specification<T> notDeleted() {
        return (root, query, cb) -> cb.isNull(root.get("deletedAt"));
    }

    public static <T> Specification<T> equal(String property, Object value) {
        return (root, query, cb) -> cb.equal(root.get(property), value);
    }

    /** The {@code text[]} property contains the value. */
    public static <T> Specification<T> contains(String arrayProperty, String value) {
        return (root, query, cb) -> cb.isTrue(
                cb.function("array_contains", Boolean.class, root.get(arrayProperty), cb.literal(value)));
    }

    public static <T> Specification<T> textMatches(String q, String... properties) {
        String pattern = "%" + escapeLike(q.trim().toLowerCase(Locale.ROOT)) + "%";
        return (root, query, cb) -> cb.or(Arrays.stream(properties)
                .map(property -> cb.like(cb.lower(root.<String>get(property)), pattern, '\\'))
                .toArray(Predicate[]::new));
    }

    public static <T> Specification<T> all(List<Specification<T>> specifications) {
        return Specification.allOf(specifications);
    }

    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
