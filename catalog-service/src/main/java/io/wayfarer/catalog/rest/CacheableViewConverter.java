package io.wayfarer.catalog.rest;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes {@link CacheableView}s as {@code application/json} from bytes serialised once per view
 * object, with the application's own {@link JsonMapper} (the same JSON as any other body). A hot
 * trip served from the near cache is therefore serialised once per near-cache entry, not once per
 * request. The body also goes out with a {@code Content-Length} instead of chunked: Spring flushes a
 * {@code ResponseEntity} before Tomcat learns the size of a streamed body. Views are matched by
 * identity and held weakly, so a view that is not cached is forgotten with its request.
 * Content negotiation is unchanged: this converter only writes JSON, and only when JSON was
 * negotiated.
 */
final class CacheableViewConverter extends AbstractHttpMessageConverter<CacheableView> {

    private final JsonMapper json;
    private final Cache<CacheableView, byte[]> serialised;

    CacheableViewConverter(JsonMapper json, int maxViews) {
        super(MediaType.APPLICATION_JSON);
        this.json = json;
        this.serialised = Caffeine.newBuilder().weakKeys().maximumSize(maxViews).build();
    }

    @Override
    protected boolean supports(Class<?> type) {
        return CacheableView.class.isAssignableFrom(type);
    }

    @Override
    public boolean canRead(Class<?> type, MediaType mediaType) {
        return false;
    }

    @Override
    protected CacheableView readInternal(Class<? extends CacheableView> type, HttpInputMessage input) {
        throw new HttpMessageNotReadableException("Views are written, never read", input);
    }

    @Override
    protected Long getContentLength(CacheableView view, MediaType contentType) {
        return (long) bytes(view).length;
    }

    @Override
    protected void writeInternal(CacheableView view, HttpOutputMessage output) throws IOException {
        output.getBody().write(bytes(view));
    }

    private byte[] bytes(CacheableView view) {
        return serialised.get(view, json::writeValueAsBytes);
    }
}
