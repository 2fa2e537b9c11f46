package io.wayfarer.gateway.webapp;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The web app's entry page. The app routes on the URL fragment ({@code /#/trips?sortby=price}), so the
 * server has one document to serve: {@code /} (also where a third-party login lands with
 * {@code ?login_code=}). Its modules, styles and images are Boot's static resources
 * ({@code classpath:/static/app/**}), answered before any gateway route is matched; they are not routed
 * paths, so the edge's RBAC decision does not apply to them (docs/web-app.md). The page is revalidated on
 * every load ({@code no-cache}), so a deployment is picked up at once.
 */
@Configuration(proxyBeanMethods = false)
class WebAppRoutes {

    static final Resource INDEX = new ClassPathResource("static/index.html");

    @Bean
    RouterFunction<ServerResponse> webAppEntry() {
        return RouterFunctions.route(GET("/").or(GET("/index.html")), request -> ServerResponse.ok()
                .contentType(MediaType.TEXT_HTML)
                .cacheControl(CacheControl.noCache())
                .bodyValue(INDEX));
    }
}
