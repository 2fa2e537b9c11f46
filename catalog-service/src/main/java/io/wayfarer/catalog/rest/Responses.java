package io.wayfarer.catalog.rest;

import io.wayfarer.catalog.cache.Versioned;
import io.wayfarer.platform.paging.ListPage;
import io.wayfarer.platform.paging.ListQuery;
import io.wayfarer.platform.paging.PageLinks;
import java.net.URI;
import java.util.function.Function;
import org.springframework.data.domain.Page;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The response shapes of docs/api-conventions.md, so every controller answers alike. */
public final class Responses {

    private Responses() {
    }

    /** 200 with {@code items}, {@code total}, {@code offset}, {@code limit} and a {@code Link} header. */
    public static <E, T> ResponseEntity<ListPage<T>> list(Page<E> page, ListQuery query, Function<E, T> view) {
        return ResponseEntity.ok()
                .header(HttpHeaders.LINK, PageLinks.header(ServletUriComponentsBuilder.fromCurrentRequest(), query,
                        page.getTotalElements()))
                .body(ListPage.of(page, query, view));
    }

    /** 200 with the ETag, or 304 when {@code If-None-Match} names the current version. */
    public static <T> ResponseEntity<T> one(Versioned<T> found, String ifNoneMatch) {
        String etag = Preconditions.etag(found.version());
        if (Preconditions.notModified(ifNoneMatch, found.version())) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).build();
        }
        return ResponseEntity.ok().eTag(etag).body(found.value());
    }

    /** 201 with {@code Location} and the ETag. */
    public static <T> ResponseEntity<T> created(String path, Versioned<T> created) {
        return ResponseEntity.created(URI.create(path)).eTag(Preconditions.etag(created.version())).body(created.value());
    }

    /** 200 with the new ETag, after PUT or PATCH. */
    public static <T> ResponseEntity<T> updated(Versioned<T> updated) {
        return ResponseEntity.ok().eTag(Preconditions.etag(updated.version())).body(updated.value());
    }

    public static ResponseEntity<Void> deleted() {
        return ResponseEntity.noContent().build();
    }
}
