package io.wayfarer.platform.paging;

import java.util.List;
import java.util.function.Function;
import org.springframework.data.domain.Page;

/** A list response body: the items of this page and the total across all pages. */
public record ListPage<T>(List<T> items, long total, long offset, int limit) {

    public static <E, T> ListPage<T> of(Page<E> page, ListQuery query, Function<E, T> view) {
        return new ListPage<>(page.getContent().stream().map(view).toList(), page.getTotalElements(),
                query.offset(), query.limit());
    }
}
