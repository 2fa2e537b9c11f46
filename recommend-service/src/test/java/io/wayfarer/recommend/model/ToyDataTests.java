package io.wayfarer.recommend.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The requirements' toy data (§5) and the three bugs of the original sketch, each of which must stay fixed. */
class ToyDataTests {

    static final List<Preference> TOY = List.of(
            new Preference("1", "huawei-p30", 2.0), new Preference("1", "samsung-s10", 5.0),
            new Preference("1", "xiaomi-9", 2.6),
            new Preference("2", "huawei-p30", 1.0), new Preference("2", "vivo", 5.0), new Preference("2", "htc", 4.6),
            new Preference("3", "meizu", 2.0), new Preference("3", "iphone", 5.0), new Preference("3", "pixel2", 2.6));

    private final TrainedModel model = Trainers.byName(Trainers.REQUIREMENTS_USER_BASED)
            .train(new TrainingData(TOY, TOY), Trainer.ProgressListener.NONE);

    @Test
    void userOneGetsVivoThenHtcFromUserTwo() {
        List<Recommendation> recommendations = model.recommend("1", 10, Set.of());

        assertThat(recommendations).extracting(Recommendation::item).containsExactly("vivo", "htc");
        // user 2 is the only neighbour (d = |2.0 - 1.0| = 1, similarity 1/(1+1) = 0.5): score = 0.5 × rating
        assertThat(recommendations).extracting(Recommendation::score).containsExactly(2.5, 2.3);
        // the requirements' figures: the neighbours' own scores, similarity-weighted (one neighbour, weight 0.5)
        double neighbourWeight = 0.5;
        assertThat(recommendations).extracting(r -> r.score() / neighbourWeight).containsExactly(5.0, 4.6);
        // the evidence is what user 1 shares with user 2
        assertThat(recommendations).allSatisfy(r -> assertThat(r.because()).containsExactly("huawei-p30"));
    }

    @Test
    void aUserWithNoCoRatedItemIsNoNeighbourAtAll() {
        // bug 1 of the sketch: no overlap gave distance 0, i.e. similarity 1.0, the highest; user 3 shares nothing
        assertThat(model.recommend("1", 10, Set.of())).extracting(Recommendation::item)
                .doesNotContain("meizu", "iphone", "pixel2");
        assertThat(model.recommend("3", 10, Set.of())).isEmpty();
    }

    @Test
    void theMostSimilarNeighbourWinsAndScoresSortAsNumbers() {
        // bug 2 took the LEAST similar neighbour; bug 3 sorted scores as strings ("10.0" < "9.0")
        List<Preference> data = List.of(
                new Preference("me", "kyoto", 5.0), new Preference("me", "osaka", 4.0),
                new Preference("close", "kyoto", 5.0), new Preference("close", "osaka", 4.0),
                new Preference("close", "nara", 10.0),
                new Preference("far", "kyoto", 5.0), new Preference("far", "osaka", 5.0),
                new Preference("far", "hiroshima", 19.0));
        TrainedModel oneNeighbour = Trainers.byName("user-cf/euclidean/k=1")
                .train(new TrainingData(data, data), Trainer.ProgressListener.NONE);
        TrainedModel both = Trainers.byName("user-cf/euclidean/k=2")
                .train(new TrainingData(data, data), Trainer.ProgressListener.NONE);

        assertThat(oneNeighbour.recommend("me", 10, Set.of())).extracting(Recommendation::item)
                .containsExactly("nara");
        // close: similarity 1 × 10 = 10; far: d = 1, similarity 0.5 × 19 = 9.5 (as strings, "9.5" > "10.0")
        assertThat(both.recommend("me", 10, Set.of())).extracting(Recommendation::item)
                .containsExactly("nara", "hiroshima");
    }

    @Test
    void excludedItemsAreNeverRecommended() {
        assertThat(model.recommend("1", 10, Set.of("vivo"))).extracting(Recommendation::item).containsExactly("htc");
    }
}
