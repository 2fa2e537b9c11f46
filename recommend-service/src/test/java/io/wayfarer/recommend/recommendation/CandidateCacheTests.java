package io.wayfarer.recommend.recommendation;

import static org.assertj.core.api.Assertions.assertThat;

import io.wayfarer.recommend.model.Recommendation;
import io.wayfarer.recommend.training.ModelSwapped;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The model's answers are computed once per user and model, and forgotten when another model is served. */
class CandidateCacheTests {

    final CandidateCache cache = new CandidateCache(Duration.ofMinutes(10), 1000);
    final AtomicInteger computed = new AtomicInteger();

    @Test
    void aUsersAnswerIsComputedOncePerModelAndForgottenOnASwap() {
        UUID user = UUID.randomUUID();
        assertThat(cache.forUser(user, 1, this::answer)).extracting(Recommendation::item).containsExactly("1");
        assertThat(cache.forUser(user, 1, this::answer)).extracting(Recommendation::item).containsExactly("1");
        assertThat(computed).hasValue(1);
        cache.similarTo(7, 1, this::answer);
        assertThat(cache.size()).isEqualTo(2);

        cache.on(new ModelSwapped(2, "ease/lambda=200"));

        assertThat(cache.size()).isZero();
        assertThat(cache.forUser(user, 2, this::answer)).extracting(Recommendation::item).containsExactly("3");
        assertThat(computed).hasValue(3);
    }

    private List<Recommendation> answer() {
        return List.of(new Recommendation(String.valueOf(computed.incrementAndGet()), 1.0, List.of()));
    }
}
