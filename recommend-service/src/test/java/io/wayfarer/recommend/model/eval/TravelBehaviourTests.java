package io.wayfarer.recommend.model.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.wayfarer.recommend.model.synthetic.BehaviourEvent;
import io.wayfarer.recommend.model.synthetic.Signal;
import io.wayfarer.recommend.model.synthetic.TravelBehaviour;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TravelBehaviourTests {

    @Test
    void theSameSeedGivesTheSameEventsAndAnotherSeedOthers() {
        List<BehaviourEvent> a = new TravelBehaviour(11, 100, 80, 25).events();

        assertThat(new TravelBehaviour(11, 100, 80, 25).events()).isEqualTo(a);
        assertThat(new TravelBehaviour(12, 100, 80, 25).events()).isNotEqualTo(a);
    }

    @Test
    void everySignalOccursAndRatingsAreOnePerPairOnTheScale() {
        List<BehaviourEvent> events = new TravelBehaviour(11, 300, 200, 40).events();
        Set<Signal> seen = events.stream().map(BehaviourEvent::signal).collect(Collectors.toSet());
        List<int[]> ratings = TravelBehaviour.ratings(events);

        assertThat(seen).isEqualTo(EnumSet.allOf(Signal.class));
        assertThat(ratings).allSatisfy(r -> assertThat(r[2]).isBetween(1, 5));
        assertThat(ratings.stream().map(r -> r[0] + ":" + r[1]).distinct().count()).isEqualTo(ratings.size());
        Map<Integer, Long> perUser = ratings.stream().collect(Collectors.groupingBy(r -> r[0], Collectors.counting()));
        assertThat(perUser).hasSize(300);
        assertThat(perUser.values()).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(20));
    }

    @Test
    void popularityIsSkewed() {
        List<int[]> ratings = TravelBehaviour.ratings(new TravelBehaviour(11, 300, 200, 40).events());
        List<Long> counts = ratings.stream().collect(Collectors.groupingBy(r -> r[1], Collectors.counting()))
                .values().stream().sorted((x, y) -> Long.compare(y, x)).toList();
        long top10 = counts.stream().limit(20).mapToLong(Long::longValue).sum();

        // the 10 % most popular trips get far more than 10 % of the interactions
        assertThat((double) top10 / ratings.size()).isGreaterThan(0.2);
    }
}
