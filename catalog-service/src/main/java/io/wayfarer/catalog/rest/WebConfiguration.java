package io.wayfarer.catalog.rest;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/** Cacheable views are written from their serialised JSON, ahead of the general JSON converter. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    private final CacheableViewConverter views;

    WebConfiguration(JsonMapper json, @Value("${wayfarer.catalog.cache.near.max-entries:10000}") int nearEntries) {
        // room for the near cache's views of all three caches; anything else is collected with its request
        this.views = new CacheableViewConverter(json, 4 * nearEntries);
    }

    @Override
    public void configureMessageConverters(HttpMessageConverters.ServerBuilder converters) {
        converters.addCustomConverter(views);
    }
}
