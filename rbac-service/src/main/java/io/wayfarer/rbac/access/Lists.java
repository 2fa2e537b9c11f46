package io.wayfarer.rbac.access;

import io.wayfarer.platform.paging.ListPage;
import io.wayfarer.platform.paging.ListQuery;
import io.wayfarer.platform.paging.PageLinks;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** A list answer: the page as body, the RFC 8288 {@code Link} header in the client's paging style. */
public final class Lists {

    private Lists() {
    }

    public static <T> ResponseEntity<ListPage<T>> answer(ListPage<T> page, ListQuery query) {
        return ResponseEntity.ok()
                .header(HttpHeaders.LINK, PageLinks.header(ServletUriComponentsBuilder.fromCurrentRequest(), query,
                        page.total()))
                .body(page);
    }
}
