package io.wayfarer.platform;

import io.wayfarer.platform.about.ServiceAboutController;
import io.wayfarer.platform.problem.ProblemDetailsAdvice;
import io.wayfarer.platform.problem.ProblemErrorController;
import io.wayfarer.platform.requestid.RequestIdFilter;
import io.wayfarer.platform.web.RequestBodyLimitFilter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;

/**
 * What every servlet service of Wayfarer gets by depending on the platform: RFC 9457 errors
 * everywhere, request-id propagation and the {@code /v1/about/<service>} endpoint.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import({ProblemDetailsAdvice.class, ProblemErrorController.class, ServiceAboutController.class})
public class PlatformServletAutoConfiguration {

    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
        FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** {@code wayfarer.http.max-body-size} (default 64KB): larger bodies get 413. */
    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(
            @Value("${wayfarer.http.max-body-size:64KB}") DataSize maxBodySize) {
        FilterRegistrationBean<RequestBodyLimitFilter> registration =
                new FilterRegistrationBean<>(new RequestBodyLimitFilter(maxBodySize.toBytes()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }
}
