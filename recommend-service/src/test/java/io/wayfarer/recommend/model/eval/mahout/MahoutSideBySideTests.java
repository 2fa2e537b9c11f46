package io.wayfarer.recommend.model.eval.mahout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.wayfarer.recommend.model.eval.EvaluateCli;
import io.wayfarer.recommend.model.eval.Rating;
import io.wayfarer.recommend.model.eval.RatingsFile;
import io.wayfarer.recommend.model.eval.Recommender;
import io.wayfarer.recommend.model.synthetic.TravelBehaviour;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Apache Mahout Taste runs beside our models in every build, so the offline comparison of
 * docs/recommendations.md cannot rot unnoticed: its adapter compiles, each configuration trains and
 * answers, and the evaluation CLI puts Mahout's rows next to ours in one table.
 */
class MahoutSideBySideTests {

    /**
     * Travellers 2 and 4 agree with traveller 1 on trips 10 and 11 and rated 12 and 13; traveller 3 (no
     * trip in common with 1) loved 14. Through the adapter, Mahout must number, rank and predict exactly
     * that: 12 (5.0) then 13 (3.5, the mean of 3 and 4) for traveller 1, nothing of 3's. (Two neighbours:
     * Mahout's user-based recommender drops an estimate that rests on a single neighbour, which is also
     * why it recommends nothing to user 1 on the requirements' toy data.)
     */
    private static final List<Rating> NEIGHBOURS = List.of(
            new Rating("1", "10", 4.0, 0), new Rating("1", "11", 2.0, 0),
            new Rating("2", "10", 4.0, 0), new Rating("2", "11", 2.0, 0), new Rating("2", "12", 5.0, 0),
            new Rating("2", "13", 3.0, 0),
            new Rating("4", "10", 4.0, 0), new Rating("4", "11", 2.0, 0), new Rating("4", "12", 5.0, 0),
            new Rating("4", "13", 4.0, 0),
            new Rating("3", "15", 1.0, 0), new Rating("3", "14", 5.0, 0));

    @Test
    void throughTheAdapterMahoutsUserBasedEuclideanRanksTheNeighboursTrips() throws Exception {
        Recommender.Built mahout = MahoutRecommenders.select("user/euclidean/n=10").get(0).build(NEIGHBOURS);

        assertThat(mahout.top("1", 10)).containsExactly("12", "13");
        assertThat(mahout.predict("1", "12")).isCloseTo(5.0, within(1e-6));
        assertThat(mahout.predict("1", "13")).isCloseTo(3.5, within(1e-6));
    }

    @Test
    void everyMahoutConfigurationTrainsAndRecommendsOnlyUnseenTrips() throws Exception {
        List<Rating> ratings = small();
        String traveller = ratings.get(0).user();
        Set<String> ratedByFirst = ratings.stream().filter(r -> r.user().equals(traveller)).map(Rating::item)
                .collect(Collectors.toSet());
        List<Recommender> all = MahoutRecommenders.select("all");
        assertThat(all).extracting(Recommender::name).contains("mahout:user/euclidean/n=10",
                "mahout:user/pearson/n=50", "mahout:item/loglikelihood", "mahout:boolean-item/loglikelihood",
                "mahout:svd/alswr/f=10/lambda=0.065/it=15");
        for (Recommender configuration : all) {
            Recommender.Built built = configuration.build(ratings);
            List<String> top = built.top(traveller, 10);
            assertThat(top).as(configuration.name()).isNotEmpty().hasSizeLessThanOrEqualTo(10)
                    .doesNotContainAnyElementsOf(ratedByFirst).doesNotHaveDuplicates();
        }
    }

    @Test
    void theEvaluationPutsMahoutsRowsBesideOurs(@TempDir Path work) throws Exception {
        Path data = work.resolve("small.data");
        RatingsFile.write(data, small());
        Path report = work.resolve("report.md");

        EvaluateCli.main(new String[] {"evaluate", "--data", data.toString(), "--split-dir",
                work.resolve("split").toString(), "--ours", "ease/lambda=16",
                "--mahout", "user/euclidean/n=10,item/loglikelihood", "--out", report.toString()});

        String table = Files.readString(report, StandardCharsets.UTF_8);
        assertThat(table).contains("ease/lambda=16").contains("mahout:user/euclidean/n=10")
                .contains("mahout:item/loglikelihood");
    }

    /** A few thousand seeded ratings of the synthetic travel behaviour. */
    private static List<Rating> small() {
        List<Rating> ratings = new ArrayList<>();
        for (int[] r : TravelBehaviour.ratings(new TravelBehaviour(7, 120, 150, 20).events())) {
            ratings.add(new Rating(Integer.toString(r[0]), Integer.toString(r[1]), r[2], r[3]));
        }
        return ratings;
    }
}
