package io.wayfarer.chat.conversation;

import feign.FeignException;
import io.github.resilience4j.circuitbreaker.annotation.CircuitBreaker;
import io.github.resilience4j.retry.annotation.Retry;
import io.wayfarer.platform.problem.ProblemException;
import io.wayfarer.platform.problem.ProblemType;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Confirms an expert with catalog-service before a conversation starts (Feign; read timeout, one
 * retry of this idempotent GET, circuit breaker). Fallback: when catalog-service cannot answer, the
 * expert cannot be confirmed and the caller gets 503 with Retry-After — never a conversation with
 * an unchecked expert. "No such expert" is an answer (422), not a failure.
 */
@Component
class ExpertDirectory {

    private static final Logger log = LoggerFactory.getLogger(ExpertDirectory.class);

    private final CatalogClient catalog;

    ExpertDirectory(CatalogClient catalog) {
        this.catalog = catalog;
    }

    /** An expert as far as chat is concerned. */
    record Expert(long id, String displayName, UUID userId) {
    }

    /** catalog-service answered that the expert does not exist (or cannot chat). */
    static class UnknownExpert extends RuntimeException {
        UnknownExpert(String message) {
            super(message, null, false, false);
        }
    }

    @Retry(name = "catalog-service", fallbackMethod = "cannotConfirm")
    @CircuitBreaker(name = "catalog-service")
    public Expert expert(long expertId) {
        CatalogClient.ExpertCard card;
        try {
            card = catalog.expert(expertId);
        } catch (FeignException.NotFound | FeignException.Gone e) {
            throw new UnknownExpert("There is no expert " + expertId + ".");
        }
        if (card == null || card.userId() == null) {
            throw new UnknownExpert("Expert " + expertId + " cannot be reached by chat.");
        }
        return new Expert(card.id(), card.displayName() == null ? "" : card.displayName(), card.userId());
    }

    Expert cannotConfirm(long expertId, Throwable cause) {
        if (cause instanceof UnknownExpert unknown) {
            throw ProblemException.validation("expertId", unknown.getMessage());
        }
        log.warn("catalog-service could not confirm expert {}: {}", expertId, cause.toString());
        throw ProblemException.of(ProblemType.SERVICE_UNAVAILABLE,
                "The expert cannot be confirmed right now; try again shortly.").withHeader("Retry-After", "5");
    }
}
