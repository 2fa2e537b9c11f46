package io.wayfarer.catalog.entry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.wayfarer.catalog.cache.Versioned;
import io.wayfarer.platform.problem.ProblemException;
import io.wayfarer.platform.problem.ProblemType;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The 404 / 410 answers every feature gives for its soft-deleted rows, and the "gone" cache value. */
class CatalogEntryTests {

    static final Instant CREATED = Instant.parse("2026-01-02T03:04:05Z");
    static final Instant DELETED = Instant.parse("2026-02-03T04:05:06Z");

    @Test
    void aLiveRowIsReturnedAsItIs() {
        Place kyoto = new Place(CREATED);

        assertThat(CatalogEntry.live(Optional.of(kyoto), "destination", 7)).isSameAs(kyoto);
        assertThat(kyoto.versioned()).isEqualTo(new Versioned<>(0, "a place"));
        assertThat(kyoto.createdAt()).isEqualTo(CREATED);
    }

    @Test
    void noRowIsNotFound() {
        ProblemException problem = catchThrowableOfType(ProblemException.class,
                () -> CatalogEntry.live(Optional.<Place>empty(), "destination", 7));

        assertThat(problem.type()).isEqualTo(ProblemType.NOT_FOUND.uri());
        assertThat(problem.getBody().getDetail()).isEqualTo("No destination 7.");
    }

    @Test
    void aDeletedRowIsGoneAndStaysInTheCacheAsGone() {
        Place kyoto = new Place(CREATED);
        kyoto.delete(DELETED);

        ProblemException problem = catchThrowableOfType(ProblemException.class,
                () -> CatalogEntry.live(Optional.of(kyoto), "destination", 7));

        assertThat(problem.type()).isEqualTo(ProblemType.GONE.uri());
        assertThat(problem.getBody().getDetail()).isEqualTo("Destination 7 was deleted.");
        assertThat(kyoto.updatedAt()).isEqualTo(DELETED);
        assertThat(kyoto.versioned().gone()).isTrue();
        assertThat(kyoto.versioned().version()).isZero();
    }

    @Test
    void cachedAnswersGiveTheSameProblems() {
        ProblemException missing = catchThrowableOfType(ProblemException.class,
                () -> CatalogEntry.liveCached(Optional.<Versioned<String>>empty(), "trip", 9));
        ProblemException gone = catchThrowableOfType(ProblemException.class,
                () -> CatalogEntry.liveCached(Optional.of(Versioned.<String>gone(4)), "trip", 9));

        assertThat(missing.getBody().getDetail()).isEqualTo("No trip 9.");
        assertThat(gone.type()).isEqualTo(ProblemType.GONE.uri());
        assertThat(gone.getBody().getDetail()).isEqualTo("Trip 9 was deleted.");
        assertThat(CatalogEntry.liveCached(Optional.of(new Versioned<>(4, "a trip")), "trip", 9).value())
                .isEqualTo("a trip");
    }

    static class Place extends CatalogEntry<String> {

        Place(Instant now) {
            super(now);
        }

        @Override
        protected String view() {
            return "a place";
        }
    }
}
