package io.wayfarer.recommend.model.eval.mahout;

import io.wayfarer.recommend.model.eval.Rating;
import io.wayfarer.recommend.model.eval.Recommender;
import java.util.ArrayList;
import java.util.List;
import org.apache.mahout.cf.taste.common.TasteException;
import org.apache.mahout.cf.taste.impl.common.FastByIDMap;
import org.apache.mahout.cf.taste.impl.model.GenericBooleanPrefDataModel;
import org.apache.mahout.cf.taste.impl.model.GenericDataModel;
import org.apache.mahout.cf.taste.impl.model.GenericUserPreferenceArray;
import org.apache.mahout.cf.taste.impl.neighborhood.NearestNUserNeighborhood;
import org.apache.mahout.cf.taste.impl.recommender.GenericBooleanPrefItemBasedRecommender;
import org.apache.mahout.cf.taste.impl.recommender.GenericItemBasedRecommender;
import org.apache.mahout.cf.taste.impl.recommender.GenericUserBasedRecommender;
import org.apache.mahout.cf.taste.impl.recommender.svd.ALSWRFactorizer;
import org.apache.mahout.cf.taste.impl.recommender.svd.SVDRecommender;
import org.apache.mahout.cf.taste.impl.similarity.CachingUserSimilarity;
import org.apache.mahout.cf.taste.impl.similarity.EuclideanDistanceSimilarity;
import org.apache.mahout.cf.taste.impl.similarity.GenericItemSimilarity;
import org.apache.mahout.cf.taste.impl.similarity.LogLikelihoodSimilarity;
import org.apache.mahout.cf.taste.impl.similarity.PearsonCorrelationSimilarity;
import org.apache.mahout.cf.taste.model.DataModel;
import org.apache.mahout.cf.taste.model.PreferenceArray;
import org.apache.mahout.cf.taste.recommender.RecommendedItem;
import org.apache.mahout.common.RandomUtils;

/**
 * Apache Mahout Taste 0.13.0 configurations, used as Mahout's documentation shows them: in-memory
 * {@link GenericDataModel}; user-based with {@link NearestNUserNeighborhood} (user similarities cached);
 * item-based with all item-item similarities precomputed by {@link GenericItemSimilarity} (counted in the build
 * time); the boolean item-based recommender on {@link GenericBooleanPrefDataModel}; SVD with ALS-WR.
 * Ids must be numbers (as in u.data).
 */
public final class MahoutRecommenders {

    private MahoutRecommenders() {
    }

    /** {@code all}: every configuration of the issue. */
    public static List<Recommender> select(String which) {
        List<Recommender> all = new ArrayList<>();
        for (int k : new int[] {10, 50}) {
            all.add(new Taste("user/euclidean/n=" + k, m -> {
                var similarity = new CachingUserSimilarity(new EuclideanDistanceSimilarity(m), m);
                return new GenericUserBasedRecommender(m, new NearestNUserNeighborhood(k, similarity, m), similarity);
            }, false));
            all.add(new Taste("user/pearson/n=" + k, m -> {
                var similarity = new CachingUserSimilarity(new PearsonCorrelationSimilarity(m), m);
                return new GenericUserBasedRecommender(m, new NearestNUserNeighborhood(k, similarity, m), similarity);
            }, false));
        }
        all.add(new Taste("item/pearson", m -> new GenericItemBasedRecommender(m,
                new GenericItemSimilarity(new PearsonCorrelationSimilarity(m), m)), false));
        all.add(new Taste("item/euclidean", m -> new GenericItemBasedRecommender(m,
                new GenericItemSimilarity(new EuclideanDistanceSimilarity(m), m)), false));
        all.add(new Taste("item/loglikelihood", m -> new GenericItemBasedRecommender(m,
                new GenericItemSimilarity(new LogLikelihoodSimilarity(m), m)), false));
        all.add(new Taste("boolean-item/loglikelihood", m -> new GenericBooleanPrefItemBasedRecommender(m,
                new GenericItemSimilarity(new LogLikelihoodSimilarity(m), m)), true));
        all.add(new Taste("svd/alswr/f=10/lambda=0.065/it=15", m -> {
            RandomUtils.useTestSeed();
            return new SVDRecommender(m, new ALSWRFactorizer(m, 10, 0.065, 15));
        }, false));
        if (which.equals("all")) {
            return all;
        }
        List<Recommender> picked = new ArrayList<>();
        for (String name : which.split(",")) {
            picked.add(all.stream().filter(r -> r.name().equals("mahout:" + name.trim())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no Mahout configuration " + name)));
        }
        return picked;
    }

    @FunctionalInterface
    interface Factory {

        org.apache.mahout.cf.taste.recommender.Recommender create(DataModel model) throws TasteException;
    }

    private record Taste(String configuration, Factory factory, boolean booleanData) implements Recommender {

        @Override
        public String name() {
            return "mahout:" + configuration;
        }

        @Override
        public String family() {
            return "Mahout";
        }

        @Override
        public Built build(List<Rating> train) throws TasteException {
            DataModel model = dataModel(train);
            if (booleanData) {
                model = new GenericBooleanPrefDataModel(GenericBooleanPrefDataModel.toDataMap(model));
            }
            org.apache.mahout.cf.taste.recommender.Recommender recommender = factory.create(model);
            return new Built() {
                @Override
                public List<String> top(String user, int n) throws TasteException {
                    List<String> out = new ArrayList<>(n);
                    for (RecommendedItem item : recommender.recommend(Long.parseLong(user), n)) {
                        out.add(Long.toString(item.getItemID()));
                    }
                    return out;
                }

                @Override
                public double predict(String user, String item) {
                    try {
                        return recommender.estimatePreference(Long.parseLong(user), Long.parseLong(item));
                    } catch (TasteException e) {
                        return Double.NaN; // unknown item: the harness's fallback applies
                    }
                }
            };
        }

        private static DataModel dataModel(List<Rating> train) {
            FastByIDMap<List<Rating>> byUser = new FastByIDMap<>();
            for (Rating r : train) {
                long user = Long.parseLong(r.user());
                List<Rating> own = byUser.get(user);
                if (own == null) {
                    own = new ArrayList<>();
                    byUser.put(user, own);
                }
                own.add(r);
            }
            FastByIDMap<PreferenceArray> data = new FastByIDMap<>();
            var users = byUser.entrySet();
            for (var e : users) {
                List<Rating> own = e.getValue();
                PreferenceArray array = new GenericUserPreferenceArray(own.size());
                array.setUserID(0, e.getKey());
                for (int i = 0; i < own.size(); i++) {
                    array.setItemID(i, Long.parseLong(own.get(i).item()));
                    array.setValue(i, (float) own.get(i).value());
                }
                data.put(e.getKey(), array);
            }
            return new GenericDataModel(data);
        }
    }
}
