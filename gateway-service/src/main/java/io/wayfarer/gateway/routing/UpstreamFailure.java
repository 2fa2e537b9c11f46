package io.wayfarer.gateway.routing;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.netty.channel.ConnectTimeoutException;
import io.wayfarer.platform.problem.ProblemType;
import io.wayfarer.platform.problem.Problems;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.springframework.cloud.gateway.support.NotFoundException;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.server.ResponseStatusException;

/**
 * Why a call to a service failed, in the client's terms:
 * <ul>
 *   <li>503 Service unavailable: no instance is registered, or the service's circuit is open;</li>
 *   <li>504 Gateway timeout: the service (or the connection to it) did not answer in time;</li>
 *   <li>502 Bad gateway: the connection was refused or broken, or anything else went wrong on the way.</li>
 * </ul>
 */
public record UpstreamFailure(String service, ProblemType type, String detail) {

    /** Extension member naming the service that failed. */
    public static final String SERVICE = "service";

    public static UpstreamFailure of(String service, Throwable failure) {
        return recognise(failure, service).orElseGet(() -> new UpstreamFailure(service, ProblemType.BAD_GATEWAY,
                service + " failed to answer the request."));
    }

    /** The failure when {@code failure} (or one of its causes) is a known way for a call to fail. */
    public static Optional<UpstreamFailure> recognise(Throwable failure, String service) {
        String name = service != null ? service : "The service";
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            ProblemType type = typeOf(cause);
            if (type != null) {
                return Optional.of(new UpstreamFailure(service, type, detail(type, name, cause)));
            }
        }
        return Optional.empty();
    }

    private static ProblemType typeOf(Throwable failure) {
        if (failure instanceof CallNotPermittedException || failure instanceof NotFoundException) {
            return ProblemType.SERVICE_UNAVAILABLE;
        }
        if (failure instanceof ResponseStatusException status) {
            return switch (status.getStatusCode().value()) {
                case 502, 503, 504 -> ProblemType.forStatus(status.getStatusCode().value());
                default -> null;
            };
        }
        if (failure instanceof ConnectTimeoutException || failure instanceof TimeoutException
                || failure instanceof io.netty.handler.timeout.TimeoutException) {
            return ProblemType.GATEWAY_TIMEOUT;
        }
        if (failure instanceof IOException) {
            return ProblemType.BAD_GATEWAY;
        }
        return null;
    }

    private static String detail(ProblemType type, String service, Throwable cause) {
        return switch (type) {
            case SERVICE_UNAVAILABLE -> cause instanceof CallNotPermittedException
                    ? service + " is failing; calls to it are paused for a moment. Try again shortly."
                    : service + " has no instance available right now. Try again shortly.";
            case GATEWAY_TIMEOUT -> service + " did not answer in time.";
            default -> service + " could not be reached or broke the connection.";
        };
    }

    public ProblemDetail problem() {
        ProblemDetail problem = Problems.of(type, detail);
        if (service != null) {
            problem.setProperty(SERVICE, service);
        }
        return problem;
    }

    public ErrorResponseException toException(Throwable cause) {
        return new ErrorResponseException(type.status(), problem(), cause);
    }
}
