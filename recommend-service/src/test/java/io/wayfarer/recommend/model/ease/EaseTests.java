package io.wayfarer.recommend.model.ease;

import static org.assertj.core.api.Assertions.assertThat;

import io.wayfarer.recommend.model.Preference;
import io.wayfarer.recommend.model.Recommendation;
import io.wayfarer.recommend.model.TrainedModel;
import io.wayfarer.recommend.model.Trainer;
import io.wayfarer.recommend.model.TrainingData;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EaseTests {

    /** Two tribes: beach people take beach trips, ski people ski trips; "maldives" is liked only by beach people. */
    private static TrainingData tribes() {
        List<Preference> p = new ArrayList<>();
        for (int u = 0; u < 20; u++) {
            p.add(new Preference("beach" + u, "bali", 1));
            p.add(new Preference("beach" + u, "phuket", 1));
            if (u < 15) {
                p.add(new Preference("beach" + u, "maldives", 1));
            }
            p.add(new Preference("ski" + u, "zermatt", 1));
            p.add(new Preference("ski" + u, "whistler", 1));
            if (u < 15) {
                p.add(new Preference("ski" + u, "niseko", 1));
            }
        }
        return new TrainingData(p, List.of());
    }

    @Test
    void recommendsWithinTheTribeAndSaysWhy() {
        TrainedModel model = new EaseTrainer(1).train(tribes(), Trainer.ProgressListener.NONE);

        List<Recommendation> forBeach = model.recommend("beach17", 1, Set.of());
        List<Recommendation> forSki = model.recommend("ski17", 1, Set.of());

        assertThat(forBeach).extracting(Recommendation::item).containsExactly("maldives");
        assertThat(forBeach.get(0).because()).containsExactlyInAnyOrder("bali", "phuket");
        assertThat(forSki).extracting(Recommendation::item).containsExactly("niseko");
        assertThat(model.similarItems("bali", 2)).extracting(Recommendation::item)
                .containsExactlyInAnyOrder("phuket", "maldives");
        assertThat(model.predictRating("beach17", "maldives")).isEmpty(); // no explicit ratings to learn from
    }
}
