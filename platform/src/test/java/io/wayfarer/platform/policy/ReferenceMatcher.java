package io.wayfarer.platform.policy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The obviously correct matcher: every resource, one by one, each pattern turned into a regular
 * expression; the matches sorted by the documented specificity; the first granted one wins.
 * Independent of {@link CompiledPolicy} except for the snapshot it reads.
 */
final class ReferenceMatcher {

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
    private static final Pattern CANONICAL = Pattern.compile("/|(/[^/]+)+");
    private static final Pattern FORBIDDEN_CHARS = Pattern.compile("[\\x00-\\x20\\x7f-\\x9f%;\\\\?#\\uFFFD]");

    private final List<Entry> entries = new ArrayList<>();
    private final PolicySnapshot snapshot;

    ReferenceMatcher(PolicySnapshot snapshot) {
        this.snapshot = snapshot;
        for (PolicySnapshot.Resource resource : snapshot.resources()) {
            entries.add(new Entry(resource, regexOf(resource.pattern()), ranksOf(resource.pattern())));
        }
    }

    PolicyDecision decide(String method, String path, Collection<String> roles) {
        if (!METHODS.contains(method) || !canonical(path)) {
            return new PolicyDecision(false, PolicyDecision.Outcome.NOT_CANONICAL, null, List.of());
        }
        Set<String> effective = new HashSet<>(roles);
        effective.add("ANONYMOUS");
        List<Entry> matching = new ArrayList<>();
        for (Entry entry : entries) {
            boolean methodMatches = entry.resource.method().equals(method) || entry.resource.method().equals("ANY");
            if (methodMatches && entry.regex.matcher(path).matches()) {
                matching.add(entry);
            }
        }
        matching.sort(SPECIFICITY);
        for (Entry entry : matching) {
            List<String> grantedBy = new ArrayList<>(new TreeSet<>(effective.stream()
                    .filter(role -> snapshot.grants().getOrDefault(role, List.of()).contains(entry.resource.id()))
                    .toList()));
            if (!grantedBy.isEmpty()) {
                return new PolicyDecision(true, PolicyDecision.Outcome.ALLOWED, entry.resource.id(), grantedBy);
            }
        }
        return matching.isEmpty()
                ? new PolicyDecision(false, PolicyDecision.Outcome.NO_RESOURCE, null, List.of())
                : new PolicyDecision(false, PolicyDecision.Outcome.NOT_GRANTED, matching.get(0).resource.id(), List.of());
    }

    private static boolean canonical(String path) {
        if (path == null || path.length() > 2048 || !CANONICAL.matcher(path).matches()
                || FORBIDDEN_CHARS.matcher(path).find()) {
            return false;
        }
        for (String segment : path.split("/")) {
            if (segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    private static Pattern regexOf(String pattern) {
        if (pattern.equals("/")) {
            return Pattern.compile("/");
        }
        StringBuilder regex = new StringBuilder();
        for (String segment : pattern.substring(1).split("/")) {
            if (segment.equals("**")) {
                regex.append("(/[^/]+)*");
            } else if (segment.startsWith("{")) {
                regex.append("/[^/]+");
            } else {
                regex.append('/').append(Pattern.quote(segment));
            }
        }
        if (regex.toString().equals("(/[^/]+)*")) {
            return Pattern.compile("/|(/[^/]+)+");
        }
        return Pattern.compile(regex.toString());
    }

    /** Per segment: literal 3, variable 2, end of pattern 1, ** 0 — compared left to right. */
    private static int[] ranksOf(String pattern) {
        String[] segments = pattern.equals("/") ? new String[0] : pattern.substring(1).split("/");
        int[] ranks = new int[segments.length];
        for (int i = 0; i < segments.length; i++) {
            ranks[i] = segments[i].equals("**") ? 0 : segments[i].startsWith("{") ? 2 : 3;
        }
        return ranks;
    }

    private static final Comparator<Entry> SPECIFICITY = (a, b) -> {
        int length = Math.max(a.ranks.length, b.ranks.length);
        for (int i = 0; i < length; i++) {
            int rankA = i < a.ranks.length ? a.ranks[i] : 1;
            int rankB = i < b.ranks.length ? b.ranks[i] : 1;
            if (rankA != rankB) {
                return Integer.compare(rankB, rankA);
            }
        }
        boolean anyA = a.resource.method().equals("ANY");
        boolean anyB = b.resource.method().equals("ANY");
        if (anyA != anyB) {
            return anyA ? 1 : -1;
        }
        return Long.compare(a.resource.id(), b.resource.id());
    };

    private record Entry(PolicySnapshot.Resource resource, Pattern regex, int[] ranks) {
    }
}
