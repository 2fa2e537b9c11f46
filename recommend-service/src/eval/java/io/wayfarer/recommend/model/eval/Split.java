package io.wayfarer.recommend.model.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A seeded per-user hold-out split: each user's ratings, put in a canonical order (by item) and shuffled with a
 * generator seeded by (seed, user), go round(fraction × n) to the test set, the rest to training; a user keeps
 * at least one rating in training. Independent of the input's line order, so the same file and seed give the
 * same split on every machine. Written to {@code train.tsv} / {@code test.tsv} so every system reads the same split.
 */
public record Split(List<Rating> train, List<Rating> test) {

    public static Split of(List<Rating> ratings, long seed, double testFraction) {
        Map<String, List<Rating>> byUser = new TreeMap<>();
        for (Rating r : ratings) {
            byUser.computeIfAbsent(r.user(), u -> new ArrayList<>()).add(r);
        }
        List<Rating> train = new ArrayList<>();
        List<Rating> test = new ArrayList<>();
        for (Map.Entry<String, List<Rating>> e : byUser.entrySet()) {
            List<Rating> own = new ArrayList<>(e.getValue());
            own.sort(Comparator.comparing(Rating::item).thenComparingLong(Rating::timestamp)
                    .thenComparingDouble(Rating::value));
            SplittableRandom random = new SplittableRandom(seed * 1_000_003L + e.getKey().hashCode());
            for (int i = own.size() - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                Rating x = own.get(i);
                own.set(i, own.get(j));
                own.set(j, x);
            }
            int held = (int) Math.min(own.size() - 1, Math.round(testFraction * own.size()));
            test.addAll(own.subList(0, held));
            train.addAll(own.subList(held, own.size()));
        }
        return new Split(List.copyOf(train), List.copyOf(test));
    }

    public void writeTo(Path directory) throws IOException {
        RatingsFile.write(directory.resolve("train.tsv"), train);
        RatingsFile.write(directory.resolve("test.tsv"), test);
    }

    public static Split readFrom(Path directory) throws IOException {
        return new Split(RatingsFile.read(directory.resolve("train.tsv")),
                RatingsFile.read(directory.resolve("test.tsv")));
    }
}
