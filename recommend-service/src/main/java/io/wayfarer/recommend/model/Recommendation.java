package io.wayfarer.recommend.model;

import java.util.List;

/**
 * A recommended item with its score (larger = better) and the evidence for it: the items the user liked
 * (item-based) or the neighbours' top shared items that produced it, best first, for a short explanation.
 */
public record Recommendation(String item, double score, List<String> because) {

    public Recommendation {
        because = List.copyOf(because);
    }
}
