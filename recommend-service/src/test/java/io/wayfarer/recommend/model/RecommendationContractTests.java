package io.wayfarer.recommend.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What every model promises (TrainedModel's contract), checked on every trainer of the evaluation. */
class RecommendationContractTests {

    private static final TrainingData DATA = TravelData.small();

    static List<String> trainers() {
        return Trainers.evaluated();
    }

    @ParameterizedTest
    @MethodSource("trainers")
    void neverRecommendsWhatIsExcludedOrAlreadyHad(String name) {
        TrainedModel model = Trainers.byName(name).train(DATA, Trainer.ProgressListener.NONE);
        List<String> items = TravelData.items(DATA);
        SplittableRandom random = new SplittableRandom(3);
        for (String user : TravelData.users(DATA)) {
            Set<String> had = new HashSet<>();
            DATA.preferences().stream().filter(p -> p.user().equals(user)).forEach(p -> had.add(p.item()));
            Set<String> exclude = new HashSet<>();
            for (int i = 0; i < 30; i++) {
                exclude.add(items.get(random.nextInt(items.size())));
            }
            List<Recommendation> recommendations = model.recommend(user, 20, exclude);

            assertThat(recommendations).hasSizeLessThanOrEqualTo(20);
            assertThat(recommendations).extracting(Recommendation::item)
                    .doesNotHaveDuplicates()
                    .doesNotContainAnyElementsOf(exclude)
                    .doesNotContainAnyElementsOf(had);
            assertThat(recommendations).extracting(Recommendation::score).isSortedAccordingTo((a, b) -> Double.compare(b, a));
            // the evidence is always something the user had (liked items, or items shared with a neighbour)
            assertThat(recommendations).allSatisfy(r -> assertThat(had).containsAll(r.because()));
        }
    }

    @ParameterizedTest
    @MethodSource("trainers")
    void anUnknownUserGetsNothingButFromPopularity(String name) {
        TrainedModel model = Trainers.byName(name).train(DATA, Trainer.ProgressListener.NONE);

        List<Recommendation> recommendations = model.recommend("new-traveller", 5, Set.of());

        if (name.equals(Trainers.POPULARITY)) {
            assertThat(recommendations).hasSize(5);
        } else {
            assertThat(recommendations).isEmpty();
        }
        assertThat(model.predictRating("new-traveller", "trip-1")).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("trainers")
    void personalModelsExplainEveryRecommendation(String name) {
        TrainedModel model = Trainers.byName(name).train(DATA, Trainer.ProgressListener.NONE);
        if (name.equals(Trainers.POPULARITY)) {
            return;
        }
        for (String user : TravelData.users(DATA)) {
            assertThat(model.recommend(user, 10, Set.of())).allSatisfy(r -> assertThat(r.because()).isNotEmpty());
        }
    }

    @ParameterizedTest
    @MethodSource("trainers")
    void predictedRatingsStayOnTheScale(String name) {
        TrainedModel model = Trainers.byName(name).train(DATA, Trainer.ProgressListener.NONE);
        List<String> travellers = List.of("u1", "u7", "u99");
        // every traveller and trip asked about has ratings, so every rating model must answer
        assertThat(TravelData.users(DATA)).containsAll(travellers);
        for (String user : travellers) {
            for (String item : TravelData.items(DATA)) {
                if (name.equals(Trainers.POPULARITY)) {
                    assertThat(model.predictRating(user, item)).isEmpty();
                } else {
                    OptionalDouble rating = model.predictRating(user, item);
                    assertThat(rating).isPresent();
                    assertThat(rating.getAsDouble()).isBetween(1.0, 5.0);
                }
            }
        }
    }
}
