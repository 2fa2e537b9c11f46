package io.wayfarer.platform.paging;

import java.util.ArrayList;
import java.util.List;
import org.springframework.web.util.UriComponentsBuilder;

/** The RFC 8288 {@code Link} header of a list: first, prev, next, last — in the client's own style. */
public final class PageLinks {

    private PageLinks() {
    }

    /** @param current the request URI with its query (e.g. from ServletUriComponentsBuilder.fromCurrentRequest()) */
    public static String header(UriComponentsBuilder current, ListQuery query, long total) {
        long lastOffset = total == 0 ? 0 : ((total - 1) / query.limit()) * query.limit();
        List<String> links = new ArrayList<>();
        links.add(link(current, query, 0, "first"));
        if (query.offset() > 0) {
            links.add(link(current, query, Math.max(0, query.offset() - query.limit()), "prev"));
        }
        if (query.offset() + query.limit() < total) {
            links.add(link(current, query, query.offset() + query.limit(), "next"));
        }
        links.add(link(current, query, lastOffset, "last"));
        return String.join(", ", links);
    }

    private static String link(UriComponentsBuilder current, ListQuery query, long offset, String rel) {
        UriComponentsBuilder builder = current.cloneBuilder();
        if (query.pageStyle()) {
            builder.replaceQueryParam("page", offset / query.limit() + 1)
                    .replaceQueryParam("per_page", query.limit());
        } else {
            builder.replaceQueryParam("offset", offset).replaceQueryParam("limit", query.limit());
        }
        return "<" + builder.build().toUriString() + ">; rel=\"" + rel + "\"";
    }
}
