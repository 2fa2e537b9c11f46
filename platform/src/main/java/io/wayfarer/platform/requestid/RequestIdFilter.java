package io.wayfarer.platform.requestid;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/** Takes the gateway's request id (or makes one), echoes it, and puts it in the logging MDC. */
public class RequestIdFilter extends OncePerRequestFilter {

    /** Request attribute holding the id, for error handlers that run after the MDC is cleared. */
    public static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".id";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String requestId = RequestId.acceptOrGenerate(request.getHeader(RequestId.HEADER));
        request.setAttribute(ATTRIBUTE, requestId);
        response.setHeader(RequestId.HEADER, requestId);
        MDC.put(RequestId.MDC_KEY, requestId);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(RequestId.MDC_KEY);
        }
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    /** The id of the request being handled, or null outside a request. */
    public static String current(HttpServletRequest request) {
        Object id = request.getAttribute(ATTRIBUTE);
        return id instanceof String value ? value : MDC.get(RequestId.MDC_KEY);
    }
}
