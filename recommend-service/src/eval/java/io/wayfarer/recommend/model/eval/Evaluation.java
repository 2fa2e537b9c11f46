package io.wayfarer.recommend.model.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs one system on a split. Relevant = a held-out rating ≥ {@value #RELEVANT}; candidates = every training
 * item the user has not rated in training (each system excludes those itself). Ranking metrics average over the
 * users with at least one relevant held-out item; coverage counts the distinct items in the top-k of every
 * training user over the number of training items. Build time: the second of two builds in the same JVM (the
 * first, with JIT compilation, is reported as "cold"). Latency: top-k for every training user, one thread, after a
 * warm-up over up to {@value #WARM_UP_USERS} users, repeated up to {@value #PASSES} times while the passes take
 * under 20 s; the least disturbed pass (smallest total) gives "all users" and the per-user p50/p95 — the machine
 * is shared, and other processes only ever add time.
 */
public final class Evaluation {

    public static final double RELEVANT = 4.0;
    static final int WARM_UP_USERS = 300;
    static final int PASSES = 3;
    static final long PASS_BUDGET_NANOS = 20_000_000_000L;

    private final Split split;
    private final int k;
    private final List<String> users;
    private final List<String> evaluated;
    private final Map<String, Set<String>> relevant = new HashMap<>();
    private final int trainItems;
    private final RatingFallback fallback;

    public Evaluation(Split split, int k) {
        this.split = split;
        this.k = k;
        this.users = List.copyOf(new TreeSet<>(split.train().stream().map(Rating::user).toList()));
        for (Rating r : split.test()) {
            if (r.value() >= RELEVANT) {
                relevant.computeIfAbsent(r.user(), u -> new HashSet<>()).add(r.item());
            }
        }
        this.evaluated = users.stream().filter(relevant::containsKey).toList();
        this.trainItems = (int) split.train().stream().map(Rating::item).distinct().count();
        this.fallback = new RatingFallback(split.train());
    }

    public int evaluatedUsers() {
        return evaluated.size();
    }

    public Result run(Recommender system) throws Exception {
        long started = System.nanoTime();
        system.build(split.train());
        double coldBuildSeconds = (System.nanoTime() - started) / 1e9;
        started = System.nanoTime();
        Recommender.Built built = system.build(split.train());
        double buildSeconds = (System.nanoTime() - started) / 1e9;

        for (int u = 0; u < Math.min(WARM_UP_USERS, users.size()); u++) {
            built.top(users.get(u), k);
        }
        Map<String, List<String>> lists = new HashMap<>();
        long[] latency = null;
        long total = Long.MAX_VALUE;
        long spent = 0;
        for (int pass = 0; pass < PASSES && spent < PASS_BUDGET_NANOS; pass++) {
            long[] passLatency = new long[users.size()];
            long passTotal = 0;
            for (int u = 0; u < users.size(); u++) {
                long t = System.nanoTime();
                List<String> top = built.top(users.get(u), k);
                passLatency[u] = System.nanoTime() - t;
                passTotal += passLatency[u];
                lists.put(users.get(u), top);
            }
            spent += passTotal;
            if (passTotal < total) {
                total = passTotal;
                latency = passLatency;
            }
        }
        Arrays.sort(latency);

        double[] ndcg = new double[evaluated.size()];
        double precision = 0;
        double recall = 0;
        double map = 0;
        double hits = 0;
        for (int e = 0; e < evaluated.size(); e++) {
            String user = evaluated.get(e);
            List<String> top = lists.get(user);
            Set<String> rel = relevant.get(user);
            ndcg[e] = RankingMetrics.ndcg(top, rel, k);
            precision += RankingMetrics.precision(top, rel, k);
            recall += RankingMetrics.recall(top, rel, k);
            map += RankingMetrics.averagePrecision(top, rel, k);
            hits += RankingMetrics.hit(top, rel, k);
        }
        Set<String> covered = new HashSet<>();
        lists.values().forEach(covered::addAll);

        double squared = 0;
        double absolute = 0;
        int own = 0;
        for (Rating r : split.test()) {
            double predicted;
            try {
                predicted = built.predict(r.user(), r.item());
            } catch (RuntimeException e) {
                predicted = Double.NaN;
            }
            if (RatingFallback.own(predicted)) {
                own++;
            }
            double error = fallback.resolve(r.user(), r.item(), predicted) - r.value();
            squared += error * error;
            absolute += Math.abs(error);
        }
        int n = evaluated.size();
        int pairs = split.test().size();
        return new Result(system.name(), system.family(), coldBuildSeconds, buildSeconds, mean(ndcg), precision / n, recall / n,
                map / n, hits / n, (double) covered.size() / trainItems, Math.sqrt(squared / pairs),
                absolute / pairs, (double) own / pairs, percentile(latency, 0.50) / 1e6,
                percentile(latency, 0.95) / 1e6, total / 1e9, ndcg);
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return values.length == 0 ? 0 : sum / values.length;
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    List<String> users() {
        return new ArrayList<>(users);
    }
}
