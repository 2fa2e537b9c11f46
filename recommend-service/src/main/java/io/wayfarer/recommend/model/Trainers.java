package io.wayfarer.recommend.model;

import io.wayfarer.recommend.model.cf.ItemBasedTrainer;
import io.wayfarer.recommend.model.cf.NeighbourConfig;
import io.wayfarer.recommend.model.cf.UserBasedTrainer;
import io.wayfarer.recommend.model.ease.EaseTrainer;
import io.wayfarer.recommend.model.popularity.PopularityTrainer;
import io.wayfarer.recommend.model.similarity.Similarity;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every trainer by its stable name (the name stored with a persisted model and used in configuration):
 * <ul>
 *   <li>{@code user-cf/<similarity>/k=<k>[/shrink=<s>]} — user-based CF</li>
 *   <li>{@code item-cf/<similarity>/k=<k>[/shrink=<s>]} — item-based CF</li>
 *   <li>{@code ease/lambda=<λ>} — EASE, λ as a multiple of the mean diagonal of XᵀX</li>
 *   <li>{@code popularity} — the cold-start fallback</li>
 * </ul>
 * with {@code <similarity>} one of {@code euclidean}, {@code pearson}, {@code cosine}, {@code loglikelihood}.
 * {@link #DEFAULT} is the configuration that won the offline evaluation (docs/recommendations.md).
 */
public final class Trainers {

    /** The model served by default: the winner of the offline evaluation. */
    public static final String DEFAULT = "ease/lambda=16";

    /** The cold-start fallback for users a model does not know. */
    public static final String POPULARITY = "popularity";

    /** The requirements' own algorithm: user-based, Euclidean distance over co-rated items as 1/(1+d). */
    public static final String REQUIREMENTS_USER_BASED = "user-cf/euclidean/k=50";

    private Trainers() {
    }

    public static Trainer defaultTrainer() {
        return byName(DEFAULT);
    }

    /** @throws IllegalArgumentException for a name that does not follow the grammar above */
    public static Trainer byName(String name) {
        String[] parts = name.trim().split("/");
        try {
            Trainer trainer = switch (parts[0]) {
                case "popularity" -> parts.length == 1 ? new PopularityTrainer() : null;
                case "ease" -> new EaseTrainer(number(options(parts, 1, Set.of("lambda")), "lambda", null));
                case "user-cf" -> new UserBasedTrainer(neighbourConfig(parts));
                case "item-cf" -> new ItemBasedTrainer(neighbourConfig(parts));
                default -> null;
            };
            if (trainer == null) {
                throw new IllegalArgumentException("unknown trainer: " + name);
            }
            return trainer;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("bad trainer name '" + name + "': " + e.getMessage(), e);
        }
    }

    /** The configurations the offline evaluation compares (see docs/recommendations.md). */
    public static List<String> evaluated() {
        return List.of(POPULARITY, REQUIREMENTS_USER_BASED, "user-cf/pearson/k=50", "user-cf/cosine/k=100",
                "user-cf/loglikelihood/k=100", "item-cf/pearson/k=50", "item-cf/euclidean/k=50", "item-cf/cosine/k=200",
                "item-cf/loglikelihood/k=50", DEFAULT);
    }

    private static NeighbourConfig neighbourConfig(String[] parts) {
        if (parts.length < 3) {
            throw new IllegalArgumentException("expected <kind>/<similarity>/k=<k>");
        }
        Map<String, String> options = options(parts, 2, Set.of("k", "shrink"));
        double k = number(options, "k", null);
        if (k != Math.rint(k)) {
            throw new IllegalArgumentException("k must be an integer");
        }
        return new NeighbourConfig(Similarity.byId(parts[1]), (int) k, number(options, "shrink", 0.0));
    }

    private static Map<String, String> options(String[] parts, int from, Set<String> allowed) {
        Map<String, String> options = new HashMap<>();
        for (int i = from; i < parts.length; i++) {
            String[] kv = parts[i].split("=", 2);
            if (kv.length != 2 || !allowed.contains(kv[0]) || options.put(kv[0], kv[1]) != null) {
                throw new IllegalArgumentException("bad option '" + parts[i] + "'");
            }
        }
        return options;
    }

    private static double number(Map<String, String> options, String key, Double otherwise) {
        String value = options.get(key);
        if (value == null) {
            if (otherwise == null) {
                throw new IllegalArgumentException("missing " + key);
            }
            return otherwise;
        }
        return Double.parseDouble(value);
    }
}
