package io.wayfarer.recommend.training;

import io.wayfarer.recommend.model.TrainedModel;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The model this instance serves, swapped atomically: readers take one reference and use that model for the
 * whole request while a newer one is loaded; a model only ever replaces an older version (so a slow load of an
 * old version cannot undo a newer swap).
 */
@Component
public class ServedModel {

    private final AtomicReference<Serving> current = new AtomicReference<>();
    private final ApplicationEventPublisher events;

    ServedModel(ApplicationEventPublisher events) {
        this.events = events;
    }

    public Optional<Serving> current() {
        return Optional.ofNullable(current.get());
    }

    public long version() {
        Serving serving = current.get();
        return serving == null ? 0 : serving.version();
    }

    /** Serves {@code next} if it is newer than the current model; true if it was swapped in. */
    boolean swapIfNewer(Serving next) {
        Serving previous = current.getAndAccumulate(next,
                (now, candidate) -> now == null || now.version() < candidate.version() ? candidate : now);
        boolean swapped = previous == null || previous.version() < next.version();
        if (swapped) {
            events.publishEvent(new ModelSwapped(next.version(), next.trainer()));
        }
        return swapped;
    }

    /** A model with the version it was persisted as. */
    public record Serving(long version, String trainer, TrainedModel model, Instant trainedAt) {
    }
}
