package io.wayfarer.recommend.model.eval;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The side-by-side table (Markdown) and the target checks under it. */
final class Report {

    private static final int ROUNDS = 2000;
    private static final long SEED = 7;

    private Report() {
    }

    static String render(List<Result> results, String served, int evaluatedUsers) {
        Result reference = results.stream().filter(r -> r.name().equals(served)).findFirst()
                .orElse(results.stream().filter(r -> r.family().equals("ours"))
                        .max(Comparator.comparingDouble(Result::ndcg)).orElseThrow());
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%d users evaluated (≥ 1 held-out rating ≥ %.0f); Δ = served (%s) − row,"
                + " paired bootstrap 95%% CI over users, %d rounds%n%n", evaluatedUsers, Evaluation.RELEVANT,
                reference.name(), ROUNDS));
        out.append("| system | | nDCG@10 | Δ nDCG@10 [95% CI] | P@10 | R@10 | MAP@10 | HR@10 | coverage | RMSE | MAE "
                + "| own pred. | build s (cold) | top-10 p50 ms | p95 ms | all users s |\n");
        out.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Result r : results) {
            String delta = r == reference ? "served" : ci(PairedBootstrap.compare(reference.ndcgPerUser(),
                    r.ndcgPerUser(), ROUNDS, SEED));
            out.append(String.format(Locale.ROOT,
                    "| %s | %s | %.4f | %s | %.4f | %.4f | %.4f | %.4f | %.3f | %.4f | %.4f | %.0f%% | %.2f (%.2f) | %.3f | %.3f "
                    + "| %.2f |%n", r.name(), r.family(), r.ndcg(), delta, r.precision(), r.recall(), r.map(),
                    r.hitRate(), r.coverage(), r.rmse(), r.mae(), 100 * r.ownPredictions(), r.buildSeconds(), r.coldBuildSeconds(),
                    r.p50Millis(), r.p95Millis(), r.allUsersSeconds()));
        }
        Optional<Result> bestMahout = best(results, "Mahout", Comparator.comparingDouble(Result::ndcg));
        Optional<Result> mahoutRmse = best(results, "Mahout", Comparator.comparingDouble(Result::rmse).reversed());
        Optional<Result> oursRmse = best(results, "ours", Comparator.comparingDouble(Result::rmse).reversed());
        out.append('\n');
        bestMahout.ifPresent(m -> {
            double[] c = PairedBootstrap.compare(reference.ndcgPerUser(), m.ndcgPerUser(), ROUNDS, SEED);
            out.append(String.format(Locale.ROOT, "- nDCG@10 served / best Mahout (%s): **%.2f×** [95%% CI %.2f–%.2f]"
                    + " — target ≥ 1.5×: %s%n", m.name(), c[3], c[4], c[5], c[3] >= 1.5 ? "met" : "NOT met"));
        });
        mahoutRmse.ifPresent(m -> out.append(String.format(Locale.ROOT,
                "- RMSE served %.4f, best ours %.4f (%s), best Mahout %.4f (%s) — target ≤ Mahout's best: %s%n",
                reference.rmse(), oursRmse.map(Result::rmse).orElse(Double.NaN),
                oursRmse.map(Result::name).orElse("-"), m.rmse(), m.name(),
                reference.rmse() <= m.rmse() ? "met" : "NOT met")));
        out.append(String.format(Locale.ROOT, "- served model: build %.2f s (≤ 5 s: %s), top-10 p50 %.3f ms "
                + "(≤ 0.5 ms: %s), all users %.2f s on one thread (≤ 1 s: %s)%n", reference.buildSeconds(),
                reference.buildSeconds() <= 5 ? "met" : "NOT met", reference.p50Millis(),
                reference.p50Millis() <= 0.5 ? "met" : "NOT met", reference.allUsersSeconds(),
                reference.allUsersSeconds() <= 1 ? "met" : "NOT met"));
        return out.toString();
    }

    private static Optional<Result> best(List<Result> results, String family, Comparator<Result> order) {
        return results.stream().filter(r -> r.family().equals(family)).max(order);
    }

    private static String ci(double[] c) {
        return String.format(Locale.ROOT, "%+.4f [%+.4f, %+.4f]", c[0], c[1], c[2]);
    }
}
