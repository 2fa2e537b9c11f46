package io.wayfarer.platform.problem;

import java.net.URI;
import org.springframework.http.HttpStatus;

/**
 * The stable {@code type} URIs of Wayfarer's RFC 9457 problems. A client may switch on them; they
 * never change meaning. Service-specific kinds (e.g. {@code account-disabled}) are built with
 * {@link #uri(String)}.
 */
public enum ProblemType {

    MALFORMED_REQUEST("malformed-request", "Malformed request", HttpStatus.BAD_REQUEST),
    UNAUTHENTICATED("unauthenticated", "Authentication required", HttpStatus.UNAUTHORIZED),
    FORBIDDEN("forbidden", "Forbidden", HttpStatus.FORBIDDEN),
    NOT_FOUND("not-found", "Not found", HttpStatus.NOT_FOUND),
    METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed", HttpStatus.METHOD_NOT_ALLOWED),
    NOT_ACCEPTABLE("not-acceptable", "Not acceptable", HttpStatus.NOT_ACCEPTABLE),
    CONFLICT("conflict", "Conflict", HttpStatus.CONFLICT),
    GONE("gone", "Gone", HttpStatus.GONE),
    PRECONDITION_FAILED("precondition-failed", "Precondition failed", HttpStatus.PRECONDITION_FAILED),
    PAYLOAD_TOO_LARGE("payload-too-large", "Payload too large", HttpStatus.CONTENT_TOO_LARGE),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type", HttpStatus.UNSUPPORTED_MEDIA_TYPE),
    VALIDATION_FAILED("validation-failed", "Validation failed", HttpStatus.UNPROCESSABLE_CONTENT),
    PRECONDITION_REQUIRED("precondition-required", "Precondition required", HttpStatus.PRECONDITION_REQUIRED),
    TOO_MANY_REQUESTS("too-many-requests", "Too many requests", HttpStatus.TOO_MANY_REQUESTS),
    INTERNAL_ERROR("internal-error", "Internal server error", HttpStatus.INTERNAL_SERVER_ERROR),
    NOT_IMPLEMENTED("not-implemented", "Not implemented", HttpStatus.NOT_IMPLEMENTED),
    BAD_GATEWAY("bad-gateway", "Bad gateway", HttpStatus.BAD_GATEWAY),
    SERVICE_UNAVAILABLE("service-unavailable", "Service unavailable", HttpStatus.SERVICE_UNAVAILABLE),
    GATEWAY_TIMEOUT("gateway-timeout", "Gateway timeout", HttpStatus.GATEWAY_TIMEOUT);

    /** Every Wayfarer problem type lives under this base. */
    public static final String BASE = "https://wayfarer.io/problems/";

    private final URI uri;
    private final String title;
    private final HttpStatus status;

    ProblemType(String slug, String title, HttpStatus status) {
        this.uri = uri(slug);
        this.title = title;
        this.status = status;
    }

    public static URI uri(String slug) {
        return URI.create(BASE + slug);
    }

    public URI uri() {
        return uri;
    }

    public String title() {
        return title;
    }

    public HttpStatus status() {
        return status;
    }

    /** The generic kind for a status code; {@link #INTERNAL_ERROR} for a 5xx without its own kind. */
    public static ProblemType forStatus(int status) {
        for (ProblemType type : values()) {
            if (type.status.value() == status) {
                return type;
            }
        }
        return status >= 500 ? INTERNAL_ERROR : MALFORMED_REQUEST;
    }
}
