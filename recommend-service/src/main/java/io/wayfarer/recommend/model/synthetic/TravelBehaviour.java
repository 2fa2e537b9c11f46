package io.wayfarer.recommend.model.synthetic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A seeded simulation of travellers browsing and buying trips, for CI, demos and the offline evaluation when no
 * public data set is at hand. Same seed and sizes → the same events, on every machine.
 * <p>
 * Model: {@value #THEMES} travel themes (beach, culture, food, ...). Each traveller cares about one to three
 * themes (weights drawn from a sparse Dirichlet) and has a rating bias; each trip has one or two themes, a
 * quality and a popularity that follows a Zipf law (a few trips get most of the traffic). Affinity =
 * taste · themes + quality + noise. A traveller looks at trips with probability ∝ popularity^0.8 · exp(2·affinity),
 * views each, and the more they like it the likelier they favourite, comment, share, recommend it to a friend,
 * rate it (1–5, with their bias) and buy it. The number of trips a traveller touches is heavy-tailed (at least
 * 20, as in MovieLens).
 */
public final class TravelBehaviour {

    static final int THEMES = 8;
    private static final long START = 1_735_689_600L; // 2025-01-01T00:00:00Z

    private final long seed;
    private final int users;
    private final int trips;
    private final double meanTripsPerUser;

    public TravelBehaviour(long seed, int users, int trips, double meanTripsPerUser) {
        if (users < 1 || trips < 20 || meanTripsPerUser < 20 || meanTripsPerUser > trips) {
            throw new IllegalArgumentException("need users >= 1, trips >= 20, 20 <= mean trips per user <= trips");
        }
        this.seed = seed;
        this.users = users;
        this.trips = trips;
        this.meanTripsPerUser = meanTripsPerUser;
    }

    /** About 100,000 (user, trip) pairs: 1,000 travellers, 1,700 trips — the size of MovieLens 100k. */
    public static TravelBehaviour hundredThousand(long seed) {
        return new TravelBehaviour(seed, 1000, 1700, 100);
    }

    public List<BehaviourEvent> events() {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] tripThemes = new double[trips][];
        double[] quality = new double[trips];
        double[] popularity = new double[trips];
        int[] rank = shuffled(trips, random);
        for (int t = 0; t < trips; t++) {
            tripThemes[t] = dirichlet(random, 0.15);
            quality[t] = 0.35 * gaussian(random);
            popularity[t] = Math.pow(1.0 / (1 + rank[t]), 0.8);
        }
        List<BehaviourEvent> events = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            double[] taste = dirichlet(random, 0.3);
            double ratingBias = 0.4 * gaussian(random);
            int count = (int) Math.min(trips * 0.6,
                    20 + (meanTripsPerUser - 20) * Math.exp(0.9 * gaussian(random) - 0.405));
            double[] affinity = new double[trips];
            double[] weight = new double[trips];
            for (int t = 0; t < trips; t++) {
                affinity[t] = 2.0 * dot(taste, tripThemes[t]) + quality[t] + 0.3 * gaussian(random);
                weight[t] = popularity[t] * Math.exp(2.0 * affinity[t]);
            }
            long clock = START + random.nextLong(86_400L * 180);
            for (int t : sampleWithoutReplacement(weight, count, random)) {
                clock += 60 + random.nextLong(86_400L * 3);
                interact(u, t, affinity[t], ratingBias, clock, random, events);
            }
        }
        return events;
    }

    private static void interact(int u, int t, double affinity, double ratingBias, long clock,
            SplittableRandom random, List<BehaviourEvent> events) {
        events.add(new BehaviourEvent(u, t, Signal.VIEW, 0, clock));
        double like = 1 / (1 + Math.exp(-3 * (affinity - 0.6)));
        long at = clock;
        if (random.nextDouble() < 0.8 * like) {
            events.add(new BehaviourEvent(u, t, Signal.FAVOURITE, 0, at += 30));
        }
        if (random.nextDouble() < 0.15 + 0.2 * like) {
            events.add(new BehaviourEvent(u, t, Signal.COMMENT, 0, at += 60));
        }
        if (random.nextDouble() < 0.4 * like) {
            events.add(new BehaviourEvent(u, t, Signal.SHARE, 0, at += 60));
        }
        if (random.nextDouble() < 0.3 * like * like) {
            events.add(new BehaviourEvent(u, t, Signal.RECOMMEND_TO_FRIEND, 0, at += 60));
        }
        if (random.nextDouble() < 0.5 * like * like) {
            events.add(new BehaviourEvent(u, t, Signal.PURCHASE, 0, at += 600));
        }
        if (random.nextDouble() < 0.6) {
            double z = 3.0 + 2.2 * (affinity - 0.5) + ratingBias + 0.6 * gaussian(random);
            int rating = (int) Math.max(1, Math.min(5, Math.round(z)));
            events.add(new BehaviourEvent(u, t, Signal.RATE, rating, at + 86_400L * 7));
        }
    }

    /**
     * The events as MovieLens-style ratings, one per (user, trip), 1–5: the explicit rating if the traveller
     * rated the trip, else the strongest signal — purchase or recommend-to-friend 5, favourite or share 4,
     * comment 3, a view 2 (a view alone is weak but still a choice among 1,700 trips). Keys are 1-based like
     * u.data.
     */
    public static List<int[]> ratings(List<BehaviourEvent> events) {
        Map<Long, int[]> byPair = new LinkedHashMap<>();
        for (BehaviourEvent e : events) {
            long key = ((long) e.user() << 32) | e.trip();
            int[] row = byPair.computeIfAbsent(key, k -> new int[] {e.user() + 1, e.trip() + 1, 0, 0, 0});
            row[3] = (int) Math.max(row[3], e.epochSecond() - START);
            if (e.signal() == Signal.RATE) {
                row[4] = e.rating();
            } else {
                row[2] = Math.max(row[2], implicitLevel(e.signal()));
            }
        }
        List<int[]> out = new ArrayList<>(byPair.size());
        for (int[] row : byPair.values()) {
            int rating = row[4] > 0 ? row[4] : row[2];
            out.add(new int[] {row[0], row[1], rating, (int) (START + row[3])});
        }
        return out;
    }

    private static int implicitLevel(Signal signal) {
        return switch (signal) {
            case PURCHASE, RECOMMEND_TO_FRIEND -> 5;
            case FAVOURITE, SHARE -> 4;
            case COMMENT -> 3;
            default -> 2;
        };
    }

    private static int[] shuffled(int n, SplittableRandom random) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int x = a[i];
            a[i] = a[j];
            a[j] = x;
        }
        return a;
    }

    /** Efraimidis–Spirakis weighted sampling without replacement: keys u^(1/w), keep the largest. */
    private static int[] sampleWithoutReplacement(double[] weight, int count, SplittableRandom random) {
        Integer[] order = new Integer[weight.length];
        double[] key = new double[weight.length];
        for (int i = 0; i < weight.length; i++) {
            order[i] = i;
            key[i] = Math.log(random.nextDouble()) / weight[i];
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(key[b], key[a]));
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = order[i];
        }
        return out;
    }

    private static double[] dirichlet(SplittableRandom random, double alpha) {
        double[] x = new double[THEMES];
        double sum = 0;
        for (int i = 0; i < THEMES; i++) {
            x[i] = gamma(random, alpha);
            sum += x[i];
        }
        for (int i = 0; i < THEMES; i++) {
            x[i] = sum > 0 ? x[i] / sum : 1.0 / THEMES;
        }
        return x;
    }

    /** Marsaglia–Tsang, with the alpha &lt; 1 boost. */
    private static double gamma(SplittableRandom random, double alpha) {
        if (alpha < 1) {
            return gamma(random, alpha + 1) * Math.pow(random.nextDouble(), 1 / alpha);
        }
        double d = alpha - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = gaussian(random);
            double v = Math.pow(1 + c * x, 3);
            if (v > 0 && Math.log(random.nextDouble()) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }

    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
