package io.wayfarer.recommend.model.eval;

import io.wayfarer.recommend.model.Trainers;
import io.wayfarer.recommend.model.synthetic.TravelBehaviour;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The offline evaluation (docs/recommendations.md has the commands):
 * <pre>
 * EvaluateCli generate --seed 42 --out target/eval/travel-100k.data
 * EvaluateCli evaluate --data u.data [--seed 42] [--split-dir target/eval/split] [--ours a,b,..]
 *                      [--mahout all|none] [--served NAME] [--out target/eval/report.md]
 * </pre>
 * {@code evaluate} splits the file (seeded, per user 80/20), writes the split, reads it back, runs every system
 * on it — ours and, when Mahout is on the class path (the module's test class path), Mahout's — and prints one table.
 */
public final class EvaluateCli {

    private static final String MAHOUT = "io.wayfarer.recommend.model.eval.mahout.MahoutRecommenders";

    private EvaluateCli() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || !(args[0].equals("generate") || args[0].equals("evaluate"))) {
            System.err.println("usage: EvaluateCli generate|evaluate [--option value]...  (see docs/recommendations.md)");
            System.exit(2);
        }
        Map<String, String> options = options(Arrays.copyOfRange(args, 1, args.length));
        if (args[0].equals("generate")) {
            generate(options);
        } else {
            evaluate(options);
        }
    }

    private static void generate(Map<String, String> options) throws Exception {
        long seed = Long.parseLong(options.getOrDefault("seed", "42"));
        Path out = Path.of(options.getOrDefault("out", "target/eval/travel-100k.data"));
        List<Rating> ratings = new ArrayList<>();
        for (int[] r : TravelBehaviour.ratings(TravelBehaviour.hundredThousand(seed).events())) {
            ratings.add(new Rating(Integer.toString(r[0]), Integer.toString(r[1]), r[2], r[3]));
        }
        RatingsFile.write(out, ratings);
        System.err.printf(Locale.ROOT, "wrote %d ratings to %s%n", ratings.size(), out);
    }

    private static void evaluate(Map<String, String> options) throws Exception {
        Path data = Path.of(require(options, "data"));
        long seed = Long.parseLong(options.getOrDefault("seed", "42"));
        Path splitDir = Path.of(options.getOrDefault("split-dir", "target/eval/split"));
        Split.of(RatingsFile.read(data), seed, 0.2).writeTo(splitDir);
        Split split = Split.readFrom(splitDir);
        System.err.printf(Locale.ROOT, "%s: %d training / %d test ratings, split written to %s%n", data,
                split.train().size(), split.test().size(), splitDir);

        List<Recommender> systems = new ArrayList<>();
        String ours = options.getOrDefault("ours", String.join(",", Trainers.evaluated()));
        for (String name : ours.split(",")) {
            if (!name.isBlank()) {
                systems.add(new ModelRecommender(Trainers.byName(name.trim())));
            }
        }
        if (!options.getOrDefault("mahout", "all").equals("none")) {
            systems.addAll(mahout(options.getOrDefault("mahout", "all")));
        }
        Evaluation evaluation = new Evaluation(split, 10);
        List<Result> results = new ArrayList<>();
        for (Recommender system : systems) {
            System.err.printf(Locale.ROOT, "running %s (%s)...%n", system.name(), system.family());
            Result r = evaluation.run(system);
            System.err.printf(Locale.ROOT, "  nDCG@10 %.4f  RMSE %.4f  build %.2f s  p50 %.3f ms  all %.2f s%n",
                    r.ndcg(), r.rmse(), r.buildSeconds(), r.p50Millis(), r.allUsersSeconds());
            results.add(r);
        }
        String report = Report.render(results, options.getOrDefault("served", Trainers.DEFAULT),
                evaluation.evaluatedUsers());
        System.out.print(report);
        if (options.containsKey("out")) {
            Path out = Path.of(options.get("out"));
            if (out.getParent() != null) {
                Files.createDirectories(out.getParent());
            }
            Files.writeString(out, report, StandardCharsets.UTF_8);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Recommender> mahout(String which) {
        try {
            return (List<Recommender>) Class.forName(MAHOUT).getMethod("select", String.class).invoke(null, which);
        } catch (ClassNotFoundException e) {
            System.err.println("Mahout is not on the class path (use the module's test class path, src/eval/evaluate.sh): evaluating ours only");
            return List.of();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --option value, got " + args[i]);
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }

    private static String require(Map<String, String> options, String key) {
        String value = options.get(key);
        if (value == null) {
            throw new IllegalArgumentException("--" + key + " is required");
        }
        return value;
    }
}
