package io.wayfarer.recommend.model.eval;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What every system's rating prediction falls back to when it has none (NaN, an exception, an unknown user or
 * item), so RMSE and MAE cover 100 % of the test pairs: the user's training mean, else the item's, else the
 * global mean. Every prediction is then clamped to the training ratings' [min, max].
 */
public final class RatingFallback {

    private final Map<String, double[]> users = new HashMap<>();
    private final Map<String, double[]> items = new HashMap<>();
    private final double globalMean;
    private final double min;
    private final double max;

    public RatingFallback(List<Rating> train) {
        double sum = 0;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Rating r : train) {
            add(users, r.user(), r.value());
            add(items, r.item(), r.value());
            sum += r.value();
            lo = Math.min(lo, r.value());
            hi = Math.max(hi, r.value());
        }
        globalMean = train.isEmpty() ? 0 : sum / train.size();
        min = lo;
        max = hi;
    }

    private static void add(Map<String, double[]> sums, String key, double value) {
        double[] s = sums.computeIfAbsent(key, k -> new double[2]);
        s[0] += value;
        s[1]++;
    }

    /** The final prediction: {@code predicted} if it is a number, else the fallback chain; clamped. */
    public double resolve(String user, String item, double predicted) {
        double value = predicted;
        if (Double.isNaN(value)) {
            double[] s = users.getOrDefault(user, items.get(item));
            value = s != null ? s[0] / s[1] : globalMean;
        }
        return Math.max(min, Math.min(max, value));
    }

    /** True if the system's own prediction was used, false if the fallback was. */
    public static boolean own(double predicted) {
        return !Double.isNaN(predicted);
    }
}
