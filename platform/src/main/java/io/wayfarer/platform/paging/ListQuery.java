package io.wayfarer.platform.paging;

import io.wayfarer.platform.problem.ProblemException;
import io.wayfarer.platform.problem.ProblemType;
import java.util.Map;
import org.springframework.data.domain.Sort;

/**
 * The paging and sorting part of a list request (REQUIREMENTS §3): either {@code limit}/
 * {@code offset} or {@code page}/{@code per_page} (mixing them is a 400), {@code sortby} from a
 * whitelist and {@code order=asc|desc}. Filters are each endpoint's own.
 *
 * @param sortBy    the property to sort by (already mapped from the API's snake_case name)
 * @param pageStyle true when the client used page/per_page, so links answer in the same style
 */
public record ListQuery(long offset, int limit, String sortBy, Sort.Direction direction, boolean pageStyle) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    /**
     * @param sortable    API sort names (snake_case) mapped to the property each sorts by
     * @param defaultSort the API sort name used when {@code sortby} is absent
     */
    public static ListQuery from(Map<String, String[]> parameters, Map<String, String> sortable, String defaultSort) {
        boolean offsetStyle = parameters.containsKey("limit") || parameters.containsKey("offset");
        boolean pageStyle = parameters.containsKey("page") || parameters.containsKey("per_page");
        if (offsetStyle && pageStyle) {
            throw malformed("Use either limit/offset or page/per_page, not both.");
        }
        long offset;
        int limit;
        if (pageStyle) {
            limit = (int) number(parameters, "per_page", DEFAULT_LIMIT, 1, MAX_LIMIT);
            long page = number(parameters, "page", 1, 1, Integer.MAX_VALUE);
            offset = (page - 1) * limit;
        } else {
            limit = (int) number(parameters, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
            offset = number(parameters, "offset", 0, 0, Integer.MAX_VALUE);
        }
        String sortName = single(parameters, "sortby");
        if (sortName == null) {
            sortName = defaultSort;
        }
        String sortBy = sortable.get(sortName);
        if (sortBy == null) {
            throw malformed("sortby must be one of " + sortable.keySet().stream().sorted().toList() + ".");
        }
        String order = single(parameters, "order");
        Sort.Direction direction;
        if (order == null || order.equals("asc")) {
            direction = Sort.Direction.ASC;
        } else if (order.equals("desc")) {
            direction = Sort.Direction.DESC;
        } else {
            throw malformed("order must be asc or desc.");
        }
        return new ListQuery(offset, limit, sortBy, direction, pageStyle);
    }

    /** For Spring Data: offset-based, sorted by the chosen field then the given tie-breaker. */
    public OffsetLimit pageable(String tieBreaker) {
        Sort sort = Sort.by(direction, sortBy);
        if (!sortBy.equals(tieBreaker)) {
            sort = sort.and(Sort.by(Sort.Direction.ASC, tieBreaker));
        }
        return new OffsetLimit(offset, limit, sort);
    }

    private static long number(Map<String, String[]> parameters, String name, long fallback, long min, long max) {
        String value = single(parameters, name);
        if (value == null) {
            return fallback;
        }
        try {
            long number = Long.parseLong(value);
            if (number < min || number > max) {
                throw malformed(name + " must be between " + min + " and " + max + ".");
            }
            return number;
        } catch (NumberFormatException e) {
            throw malformed(name + " must be a whole number.");
        }
    }

    private static String single(Map<String, String[]> parameters, String name) {
        String[] values = parameters.get(name);
        if (values == null || values.length == 0) {
            return null;
        }
        if (values.length > 1) {
            throw malformed(name + " may be given only once.");
        }
        return values[0];
    }

    private static ProblemException malformed(String detail) {
        return ProblemException.of(ProblemType.MALFORMED_REQUEST, detail);
    }
}
