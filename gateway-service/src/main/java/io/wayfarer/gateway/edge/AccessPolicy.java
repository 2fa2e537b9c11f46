package io.wayfarer.gateway.edge;

import io.wayfarer.gateway.policy.PolicyHolder;
import io.wayfarer.gateway.routing.RoutedPaths;
import io.wayfarer.platform.policy.CompiledPolicy;
import java.util.List;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The access decision of the edge: the RBAC policy (rbac-service's, held by {@link PolicyHolder}) is
 * the one source of truth for every routed path. A request is allowed iff a resource matching
 * (method, normalised path) is granted to one of the session's roles or to ANONYMOUS — so "public"
 * simply means "granted to ANONYMOUS", and a request without a token is decided with no roles.
 *
 * <p>Outside the policy, because nothing is forwarded for them:
 * <ul>
 *   <li>the gateway's own endpoints: {@code /v1/about/gateway-service} (any method: GET answers, others
 *       405), and {@code GET /actuator/health/**}, {@code GET /actuator/prometheus} when the actuator shares
 *       the public port (tests only; deployments use MANAGEMENT_PORT). Any other {@code /actuator/**} on
 *       the public port has no resource: refused like every path without one (default deny);</li>
 *   <li>paths no route serves: the gateway answers 404 itself (405 for its own endpoints).</li>
 * </ul>
 * Methods: GET, POST, PUT, PATCH, DELETE are decided as they are; HEAD is decided as GET (a GET without
 * the body); OPTIONS (there is no CORS at the edge: the web app is served from the same origin), TRACE
 * and every other or lower-case method are refused with 405 before the policy is asked. Method-override
 * headers are never read (and stripped, {@link IdentityHeaderStripping}).
 */
@Component
public class AccessPolicy {

    /** The methods a routed request may use (the answer's {@code Allow}). */
    static final List<HttpMethod> ALLOWED_METHODS = List.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST,
            HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

    /** Where a failed password attempt is counted per account and per address (rate limits, not access). */
    private static final PathPattern LOGIN = PathPatternParser.defaultInstance.parse("/v1/auth/login");
    private static final PathPattern ABOUT_GATEWAY = PathPatternParser.defaultInstance.parse("/v1/about/gateway-service");
    private static final PathPattern ACTUATOR = PathPatternParser.defaultInstance.parse("/actuator/**");
    private static final List<PathPattern> OPEN_ACTUATOR = List.of(
            PathPatternParser.defaultInstance.parse("/actuator/health/**"),
            PathPatternParser.defaultInstance.parse("/actuator/prometheus"));

    /** What the edge does with a request. */
    public enum Verdict {
        /** Forward it (or let the gateway answer it itself). */
        ALLOWED,
        /** No granted resource: 401 without a token, 403 with one. */
        REFUSED,
        /** OPTIONS, TRACE or an unknown method on a routed path: 405. */
        METHOD_NOT_ALLOWED,
        /** No policy loaded yet: 503 (fail closed). */
        NO_POLICY
    }

    private final PolicyHolder policies;
    private final RoutedPaths routed;

    AccessPolicy(PolicyHolder policies, RoutedPaths routed) {
        this.policies = policies;
        this.routed = routed;
    }

    /**
     * The decision for this request and these roles (the session's; empty without a token). Decided
     * on {@link EdgeRequest#normalisedPath} — the decoded form of the very path the route predicates
     * match (the normalisation filter rewrote the request to its canonical encoding).
     */
    public Verdict decide(ServerWebExchange exchange, List<String> roles) {
        HttpMethod method = exchange.getRequest().getMethod();
        PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
        if (isGatewayOwn(method, path) || !routed.isRouted(path) && !ACTUATOR.matches(path)) {
            return Verdict.ALLOWED;
        }
        String decidedMethod = decidedAs(method);
        if (decidedMethod == null) {
            return Verdict.METHOD_NOT_ALLOWED;
        }
        CompiledPolicy policy = policies.current();
        if (policy == null) {
            return Verdict.NO_POLICY;
        }
        String normalised = EdgeRequest.normalisedPath(exchange);
        if (normalised == null) {
            return Verdict.REFUSED;
        }
        exchange.getAttributes().put(EdgeRequest.AUTHORISED_PATH, normalised);
        return policy.allows(decidedMethod, normalised, roles) ? Verdict.ALLOWED : Verdict.REFUSED;
    }

    public boolean isLogin(HttpMethod method, PathContainer path) {
        return HttpMethod.POST.equals(method) && LOGIN.matches(path);
    }

    /** The method the policy is asked about, or null when the edge refuses the method itself. */
    static String decidedAs(HttpMethod method) {
        if (HttpMethod.HEAD.equals(method)) {
            return "GET";
        }
        for (String decided : CompiledPolicy.METHODS) {
            if (decided.equals(method.name())) {
                return decided;
            }
        }
        return null;
    }

    private static boolean isGatewayOwn(HttpMethod method, PathContainer path) {
        if (ABOUT_GATEWAY.matches(path)) {
            return true;
        }
        if (!HttpMethod.GET.equals(method) && !HttpMethod.HEAD.equals(method)) {
            return false;
        }
        for (PathPattern open : OPEN_ACTUATOR) {
            if (open.matches(path)) {
                return true;
            }
        }
        return false;
    }
}
