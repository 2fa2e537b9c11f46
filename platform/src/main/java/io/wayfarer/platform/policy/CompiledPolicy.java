package io.wayfarer.platform.policy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A {@link PolicySnapshot} compiled for fast decisions. Patterns are parsed once into one segment
 * trie per HTTP method (resources of method ANY sit in all five), and roles become bit masks, so a
 * decision walks only the branches the path's segments select and never scans the resource list.
 *
 * <p>Semantics (docs/rbac.md): a request is allowed when at least one resource matching (method,
 * path) is granted to one of the roles or to ANONYMOUS (always implied). Among matches the most
 * specific is reported: segment by segment, literal beats {@code {var}} beats {@code **} (a pattern
 * that ends beats {@code **} matching nothing), then the exact method beats ANY. Immutable and
 * thread-safe; pure Java, no framework.
 */
public final class CompiledPolicy {

    public static final String ANONYMOUS = "ANONYMOUS";
    public static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");
    public static final String ANY = "ANY";

    private final long version;
    private final TrieNode[] roots = new TrieNode[METHODS.size()];
    private final long[] resourceIds;
    private final long[][] grantMasks;
    private final String[] roleCodes;
    private final Map<String, Integer> roleIndex = new HashMap<>();
    private final int words;

    private CompiledPolicy(PolicySnapshot snapshot) {
        this.version = snapshot.version();
        List<String> roles = new ArrayList<>(new TreeSet<>(snapshot.grants().keySet()));
        if (!roles.contains(ANONYMOUS)) {
            roles.add(ANONYMOUS);
        }
        this.roleCodes = roles.toArray(String[]::new);
        for (int i = 0; i < roleCodes.length; i++) {
            roleIndex.put(roleCodes[i], i);
        }
        this.words = (roleCodes.length + 63) / 64;
        List<PolicySnapshot.Resource> resources = snapshot.resources();
        this.resourceIds = new long[resources.size()];
        this.grantMasks = new long[resources.size()][words];
        Map<Long, Integer> indexById = new HashMap<>();
        for (int i = 0; i < roots.length; i++) {
            roots[i] = new TrieNode();
        }
        for (int r = 0; r < resources.size(); r++) {
            PolicySnapshot.Resource resource = resources.get(r);
            if (indexById.put(resource.id(), r) != null) {
                throw new IllegalArgumentException("duplicate resource id " + resource.id());
            }
            resourceIds[r] = resource.id();
            insert(resource, r);
        }
        snapshot.grants().forEach((role, ids) -> {
            int bit = roleIndex.get(role);
            for (Long id : ids) {
                Integer r = indexById.get(id);
                if (r == null) {
                    throw new IllegalArgumentException("role " + role + " is granted unknown resource " + id);
                }
                grantMasks[r][bit >>> 6] |= 1L << bit;
            }
        });
    }

    /** @throws IllegalArgumentException on an invalid pattern or method, or two resources of one (method, shape) */
    public static CompiledPolicy compile(PolicySnapshot snapshot) {
        return new CompiledPolicy(snapshot);
    }

    public long version() {
        return version;
    }

    public int resourceCount() {
        return resourceIds.length;
    }

    /** The decision without the explanation: the gateway's per-request call. */
    public boolean allows(String method, String path, Collection<String> roles) {
        int m = METHODS.indexOf(method);
        String[] segments = CanonicalPath.segments(path);
        if (m < 0 || segments == null) {
            return false;
        }
        return search(roots[m], segments, 0, maskOf(roles)) >= 0;
    }

    public PolicyDecision decide(String method, String path, Collection<String> roles) {
        int m = METHODS.indexOf(method);
        String[] segments = CanonicalPath.segments(path);
        if (m < 0 || segments == null) {
            return PolicyDecision.refused(PolicyDecision.Outcome.NOT_CANONICAL, null);
        }
        long[] mask = maskOf(roles);
        int granted = search(roots[m], segments, 0, mask);
        if (granted >= 0) {
            List<String> grantedBy = new ArrayList<>();
            for (int bit = 0; bit < roleCodes.length; bit++) {
                if ((mask[bit >>> 6] & grantMasks[granted][bit >>> 6] & (1L << bit)) != 0) {
                    grantedBy.add(roleCodes[bit]);
                }
            }
            return new PolicyDecision(true, PolicyDecision.Outcome.ALLOWED, resourceIds[granted], List.copyOf(grantedBy));
        }
        int matched = search(roots[m], segments, 0, null);
        return matched >= 0
                ? PolicyDecision.refused(PolicyDecision.Outcome.NOT_GRANTED, resourceIds[matched])
                : PolicyDecision.refused(PolicyDecision.Outcome.NO_RESOURCE, null);
    }

    private long[] maskOf(Collection<String> roles) {
        long[] mask = new long[words];
        int anonymous = roleIndex.get(ANONYMOUS);
        mask[anonymous >>> 6] |= 1L << anonymous;
        for (String role : roles) {
            Integer bit = roleIndex.get(role);
            if (bit != null) {
                mask[bit >>> 6] |= 1L << bit;
            }
        }
        return mask;
    }

    /**
     * Depth first in specificity order, so the first hit is the most specific one. A null mask
     * accepts any resource (the "what matched at all" question of a refusal).
     */
    private int search(TrieNode node, String[] segments, int i, long[] mask) {
        if (i == segments.length) {
            if (accepts(node.endExact, mask)) {
                return node.endExact;
            }
            if (accepts(node.endAny, mask)) {
                return node.endAny;
            }
        } else {
            if (node.literals != null) {
                TrieNode child = node.literals.get(segments[i]);
                if (child != null) {
                    int found = search(child, segments, i + 1, mask);
                    if (found >= 0) {
                        return found;
                    }
                }
            }
            if (node.variable != null) {
                int found = search(node.variable, segments, i + 1, mask);
                if (found >= 0) {
                    return found;
                }
            }
        }
        if (accepts(node.restExact, mask)) {
            return node.restExact;
        }
        return accepts(node.restAny, mask) ? node.restAny : -1;
    }

    private boolean accepts(int resource, long[] mask) {
        if (resource < 0) {
            return false;
        }
        if (mask == null) {
            return true;
        }
        long[] granted = grantMasks[resource];
        for (int w = 0; w < words; w++) {
            if ((granted[w] & mask[w]) != 0) {
                return true;
            }
        }
        return false;
    }

    private void insert(PolicySnapshot.Resource resource, int index) {
        RoutePattern pattern = RoutePattern.parse(resource.pattern());
        boolean any = ANY.equals(resource.method());
        if (!any && !METHODS.contains(resource.method())) {
            throw new IllegalArgumentException("resource " + resource.id() + " has an unknown method " + resource.method());
        }
        for (int m = 0; m < METHODS.size(); m++) {
            if (any || METHODS.get(m).equals(resource.method())) {
                roots[m].place(pattern, index, any, resource);
            }
        }
    }
}
