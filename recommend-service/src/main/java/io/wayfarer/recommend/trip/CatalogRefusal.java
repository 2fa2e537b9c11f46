package io.wayfarer.recommend.trip;

/**
 * catalog-service answered, and said no (a 4xx, e.g. no such trip). Not a sign of trouble: neither retried
 * nor counted by the circuit breaker.
 */
public class CatalogRefusal extends RuntimeException {

    private final int status;

    public CatalogRefusal(int status) {
        super("catalog-service refused with " + status);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public boolean gone() {
        return status == 410;
    }
}
