package io.wayfarer.payment.seat;

/**
 * catalog-service answered, and said no (a 4xx: no such trip, not enough seats, ...). Not a sign
 * of trouble: neither retried nor counted by the circuit breaker.
 *
 * @param kind the last segment of the problem's {@code type} URI, e.g. {@code seats-unavailable}
 */
public class CatalogRefusal extends RuntimeException {

    private final int status;
    private final String kind;

    public CatalogRefusal(int status, String kind, String detail) {
        super("catalog-service refused (" + status + " " + kind + "): " + detail);
        this.status = status;
        this.kind = kind;
    }

    public int status() {
        return status;
    }

    public String kind() {
        return kind;
    }

    public boolean notFound() {
        return status == 404 || status == 410;
    }
}
