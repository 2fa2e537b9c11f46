package io.wayfarer.platform.policy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A node of {@link CompiledPolicy}'s per-method trie: children by literal segment, one child for
 * any variable segment, and the indexes of the resources that end here (exactly, or with
 * {@code **}), one slot for the request's own method and one for ANY. -1 means none.
 */
final class TrieNode {

    Map<String, TrieNode> literals;
    TrieNode variable;
    int endExact = -1;
    int endAny = -1;
    int restExact = -1;
    int restAny = -1;

    void place(RoutePattern pattern, int index, boolean any, PolicySnapshot.Resource resource) {
        TrieNode node = this;
        List<RoutePattern.Kind> kinds = pattern.kinds();
        for (int s = 0; s < kinds.size(); s++) {
            switch (kinds.get(s)) {
                case LITERAL -> {
                    if (node.literals == null) {
                        node.literals = new HashMap<>();
                    }
                    node = node.literals.computeIfAbsent(pattern.segments().get(s), key -> new TrieNode());
                }
                case VARIABLE -> {
                    if (node.variable == null) {
                        node.variable = new TrieNode();
                    }
                    node = node.variable;
                }
                case REST -> {
                    node.setRest(index, any, resource);
                    return;
                }
            }
        }
        node.setEnd(index, any, resource);
    }

    private void setEnd(int index, boolean any, PolicySnapshot.Resource resource) {
        if (any ? endAny >= 0 : endExact >= 0) {
            throw duplicate(resource);
        }
        if (any) {
            endAny = index;
        } else {
            endExact = index;
        }
    }

    private void setRest(int index, boolean any, PolicySnapshot.Resource resource) {
        if (any ? restAny >= 0 : restExact >= 0) {
            throw duplicate(resource);
        }
        if (any) {
            restAny = index;
        } else {
            restExact = index;
        }
    }

    private static IllegalArgumentException duplicate(PolicySnapshot.Resource resource) {
        return new IllegalArgumentException("resource " + resource.id() + " (" + resource.method() + " "
                + resource.pattern() + ") duplicates another of the same method and shape");
    }
}
