package io.wayfarer.platform.feign;

import feign.RequestInterceptor;
import feign.RequestTemplate;
import io.wayfarer.platform.requestid.RequestId;
import org.slf4j.MDC;

/**
 * Carries the current request id into every Feign call, so one id follows a request from the
 * gateway through every service it touches (the trace id travels with Micrometer's propagation).
 */
public class RequestIdPropagation implements RequestInterceptor {

    @Override
    public void apply(RequestTemplate template) {
        String requestId = MDC.get(RequestId.MDC_KEY);
        if (requestId != null && !template.headers().containsKey(RequestId.HEADER)) {
            template.header(RequestId.HEADER, requestId);
        }
    }
}
