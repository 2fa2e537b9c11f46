package io.wayfarer.recommend.model.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SplitTests {

    private static List<Rating> ratings() {
        List<Rating> ratings = new ArrayList<>();
        for (int u = 1; u <= 30; u++) {
            for (int i = 1; i <= u + 1; i++) { // user u has u+1 ratings
                ratings.add(new Rating(Integer.toString(u), Integer.toString(i * 7 % 101), 1 + (u + i) % 5,
                        1_000L * i));
            }
        }
        return ratings;
    }

    @Test
    void theSameSeedGivesTheSameSplitWhateverTheLineOrder() {
        List<Rating> shuffled = new ArrayList<>(ratings());
        Collections.shuffle(shuffled, new Random(5));

        Split a = Split.of(ratings(), 42, 0.2);
        Split b = Split.of(shuffled, 42, 0.2);

        assertThat(new HashSet<>(b.test())).isEqualTo(new HashSet<>(a.test()));
        assertThat(new HashSet<>(b.train())).isEqualTo(new HashSet<>(a.train()));
        assertThat(Split.of(ratings(), 43, 0.2).test()).isNotEqualTo(a.test());
    }

    @Test
    void eachUserHoldsOutATwentiethRoundedAndKeepsOneForTraining() {
        Split split = Split.of(ratings(), 42, 0.2);
        Map<String, Long> held = split.test().stream().collect(Collectors.groupingBy(Rating::user, Collectors.counting()));
        Map<String, Long> kept = split.train().stream().collect(Collectors.groupingBy(Rating::user, Collectors.counting()));

        assertThat(split.train().size() + split.test().size()).isEqualTo(ratings().size());
        for (int u = 1; u <= 30; u++) {
            int n = u + 1;
            long expected = Math.min(n - 1, Math.round(0.2 * n));
            assertThat(held.getOrDefault(Integer.toString(u), 0L)).as("user %d", u).isEqualTo(expected);
            assertThat(kept.get(Integer.toString(u))).isGreaterThanOrEqualTo(1);
        }
        Set<Rating> overlap = new HashSet<>(split.train());
        overlap.retainAll(split.test());
        assertThat(overlap).isEmpty();
    }

    @Test
    void theSplitFilesReadBackAsTheSameSplit(@TempDir Path dir) throws Exception {
        Split split = Split.of(ratings(), 42, 0.2);
        split.writeTo(dir);

        Split read = Split.readFrom(dir);

        assertThat(read.train()).containsExactlyElementsOf(split.train());
        assertThat(read.test()).containsExactlyElementsOf(split.test());
    }
}
