package io.wayfarer.recommend.model.rating;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.wayfarer.recommend.model.Preference;
import io.wayfarer.recommend.model.Trainer;
import io.wayfarer.recommend.model.matrix.PreferenceMatrix;
import io.wayfarer.recommend.model.similarity.Similarity;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Rating prediction checked against numbers worked out by hand (fractions in the comments).
 * <p>
 * Baseline (Baseline's javadoc and constants): μ = mean rating; b_i = Σ_u∈R(i) (r_ui − μ − b_u) / (25 + |R(i)|);
 * b_u = Σ_i∈I(u) (r_ui − μ − b_i) / (10 + |I(u)|), alternated from b = 0.
 * <p>
 * The four-traveller fixture is chosen so that the first round already lands on that fixed point (for every trip
 * the user biases of its raters add up to 0), so the later rounds change nothing and the values are exact:
 * <pre>
 *            kyoto  lisbon  oslo
 *   ann        1      1      1
 *   ben        1      .      .
 *   cat        4      .      .      ← asked about oslo
 *   dan        4      3      5
 * </pre>
 * μ = 20/8 = 5/2.
 * b_kyoto = (−3/2 −3/2 +3/2 +3/2)/29 = 0; b_lisbon = (−3/2 + 1/2)/27 = −1/27; b_oslo = (−3/2 + 5/2)/27 = 1/27.
 * b_ann = (−3/2 + (−3/2 + 1/27) + (−3/2 − 1/27))/13 = −9/26; b_dan = +9/26; b_ben = (−3/2)/11 = −3/22;
 * b_cat = (3/2)/11 = 3/22. Check: kyoto's raters −9/26 − 3/22 + 3/22 + 9/26 = 0, lisbon's and oslo's −9/26 + 9/26 = 0.
 */
class RatingPredictorTests {

    private static final double EXACT = 1e-12;

    private static final String KYOTO = "kyoto";
    private static final String LISBON = "lisbon";
    private static final String OSLO = "oslo";

    /** The grid in the class comment. */
    private static List<Preference> fourTravellers() {
        return ratings()
                .traveller("ann").gave(KYOTO, 1).gave(LISBON, 1).gave(OSLO, 1)
                .traveller("ben").gave(KYOTO, 1)
                .traveller("cat").gave(KYOTO, 4)
                .traveller("dan").gave(KYOTO, 4).gave(LISBON, 3).gave(OSLO, 5)
                .build();
    }

    /** Two travellers with no trip in common: ann gave kyoto 4, ben gave lisbon 2. */
    private static List<Preference> strangers() {
        return ratings().traveller("ann").gave(KYOTO, 4).traveller("ben").gave(LISBON, 2).build();
    }

    @Test
    void baselineIsTheRegularisedMeanAndBiases() {
        PreferenceMatrix m = PreferenceMatrix.of(fourTravellers());

        Baseline baseline = Baseline.fit(m.byUser(), m.byItem());

        assertThat(baseline.mean()).isEqualTo(2.5);
        assertThat(baseline.itemBias()[m.item(KYOTO)]).isCloseTo(0.0, within(EXACT));
        assertThat(baseline.itemBias()[m.item(LISBON)]).isCloseTo(-1.0 / 27, within(EXACT));
        assertThat(baseline.itemBias()[m.item(OSLO)]).isCloseTo(1.0 / 27, within(EXACT));
        assertThat(baseline.userBias()[m.user("ann")]).isCloseTo(-9.0 / 26, within(EXACT));
        assertThat(baseline.userBias()[m.user("ben")]).isCloseTo(-3.0 / 22, within(EXACT));
        assertThat(baseline.userBias()[m.user("cat")]).isCloseTo(3.0 / 22, within(EXACT));
        assertThat(baseline.userBias()[m.user("dan")]).isCloseTo(9.0 / 26, within(EXACT));
        // b_cat,oslo = 5/2 + 3/22 + 1/27 = 794/297
        assertThat(baseline.estimate(m.user("cat"), m.item(OSLO))).isCloseTo(794.0 / 297, within(EXACT));
    }

    @Test
    void aLoneRatingIsSharedBetweenUserAndItemBiasByTheRegularisers() {
        PreferenceMatrix m = PreferenceMatrix.of(strangers());

        Baseline baseline = Baseline.fit(m.byUser(), m.byItem());

        // μ = 3; ann's one rating is 1 above it: b_kyoto = (1 − b_ann)/26, b_ann = (1 − b_kyoto)/11, whose fixed
        // point is b_kyoto = 2/57, b_ann = 5/57 (ben mirrored). Each round divides the distance to it by 26·11 = 286,
        // so four rounds end within 2e-10 of it; a single round would leave b_kyoto at 1/26 (3e-3 off).
        assertThat(baseline.mean()).isEqualTo(3.0);
        assertThat(baseline.itemBias()[m.item(KYOTO)]).isCloseTo(2.0 / 57, within(1e-9));
        assertThat(baseline.userBias()[m.user("ann")]).isCloseTo(5.0 / 57, within(1e-9));
        assertThat(baseline.itemBias()[m.item(LISBON)]).isCloseTo(-2.0 / 57, within(1e-9));
        assertThat(baseline.userBias()[m.user("ben")]).isCloseTo(-5.0 / 57, within(1e-9));
    }

    @Test
    void itemSideAddsTheResidualOfTheNeighbourTripTheTravellerRated() {
        RatingPredictor predictor = train(fourTravellers(), Similarity.EUCLIDEAN, true);

        // oslo's neighbours: kyoto (over ann, dan: d = √(0² + 1²) = 1, s = 1/2) and lisbon (d = 2, s = 1/3);
        // cat rated only kyoto: residual 4 − (5/2 + 3/22 + 0) = 15/11, the one weight cancels.
        // r̂ = 794/297 + 15/11 = 109/27
        assertThat(predictor.predict("cat", OSLO)).hasValueCloseTo(109.0 / 27, within(EXACT));
    }

    @Test
    void userSideWeighsTheNeighboursResidualsBySimilarity() {
        RatingPredictor predictor = train(fourTravellers(), Similarity.EUCLIDEAN, false);

        // cat's neighbours who rated oslo (over kyoto): dan (d = 0, s = 1) and ann (d = 3, s = 1/4); ben did not.
        // residuals: dan 5 − (5/2 + 9/26 + 1/27) = 743/351, ann 1 − (5/2 − 9/26 + 1/27) = −418/351
        // (1·743/351 + 1/4·(−418/351)) / (1 + 1/4) = 2554/1755; r̂ = 794/297 + 2554/1755 = 2952/715
        // (an unweighted mean of the residuals would give 794/297 + 325/702 instead)
        assertThat(predictor.predict("cat", OSLO)).hasValueCloseTo(2952.0 / 715, within(EXACT));
    }

    @Test
    void withoutANeighbourThePredictionIsTheBaseline() {
        // Strangers share no trip, so nobody has a neighbour, on either side:
        // r̂_ann,lisbon = 3 + 5/57 − 2/57 = 58/19 and r̂_ben,kyoto = 3 − 5/57 + 2/57 = 56/19
        assertThat(train(strangers(), Similarity.EUCLIDEAN, true).predict("ann", LISBON))
                .hasValueCloseTo(58.0 / 19, within(1e-9));
        assertThat(train(strangers(), Similarity.EUCLIDEAN, false).predict("ben", KYOTO))
                .hasValueCloseTo(56.0 / 19, within(1e-9));
        // Pearson needs two co-rated trips and cat shares only kyoto with anyone: no neighbour, b_cat,oslo = 794/297
        assertThat(train(fourTravellers(), Similarity.PEARSON, false).predict("cat", OSLO))
                .hasValueCloseTo(794.0 / 297, within(EXACT));
    }

    @Test
    void anUnknownTravellerOrTripGetsNoPrediction() {
        RatingPredictor predictor = train(fourTravellers(), Similarity.EUCLIDEAN, true);

        assertThat(predictor.predict("eve", OSLO)).isEmpty();
        assertThat(predictor.predict("cat", "porto")).isEmpty();
    }

    private static RatingPredictor train(List<Preference> ratings, Similarity similarity, boolean itemSide) {
        return RatingPredictor.train(ratings, similarity, 0, itemSide, 10, Trainer.ProgressListener.NONE, 0, 1);
    }

    private static RatingsBuilder ratings() {
        return new RatingsBuilder();
    }

    /** {@code ratings().traveller("ann").gave("kyoto", 4)...build()}: explicit 1–5 ratings, traveller by traveller. */
    private static final class RatingsBuilder {

        private final List<Preference> ratings = new ArrayList<>();
        private String traveller;

        RatingsBuilder traveller(String name) {
            traveller = name;
            return this;
        }

        RatingsBuilder gave(String trip, int stars) {
            ratings.add(new Preference(traveller, trip, stars));
            return this;
        }

        List<Preference> build() {
            return List.copyOf(ratings);
        }
    }
}
