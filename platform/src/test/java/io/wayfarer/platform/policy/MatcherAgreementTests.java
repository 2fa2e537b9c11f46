package io.wayfarer.platform.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The fast matcher and the linear reference matcher agree on random policies and requests. */
class MatcherAgreementTests {

    private static final String[] WORDS = {"v1", "v2", "trips", "users", "roles", "orders", "me", "reviews",
            "a", "b", "c", "x1", "jwks.json", "about", "oauth2"};
    private static final String[] METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE"};
    private static final String[] REQUEST_METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE", "GET", "POST",
            "HEAD", "OPTIONS", "ANY", "get"};

    @Test
    void fastAndReferenceMatchersGiveTheSameDecisionOnRandomCases() {
        Random random = new Random(20_260_101L);
        int cases = 0;
        Map<PolicyDecision.Outcome, Integer> outcomes = new HashMap<>();
        for (int policy = 0; policy < 10; policy++) {
            PolicySnapshot snapshot = randomPolicy(random, 120 + random.nextInt(180), 20);
            CompiledPolicy fast = CompiledPolicy.compile(snapshot);
            ReferenceMatcher reference = new ReferenceMatcher(snapshot);
            List<String> roles = new ArrayList<>(snapshot.grants().keySet());
            roles.add("GHOST");
            for (int i = 0; i < 10_500; i++) {
                String method = REQUEST_METHODS[random.nextInt(REQUEST_METHODS.length)];
                String path = randomPath(random, snapshot);
                List<String> callerRoles = new ArrayList<>();
                for (int r = random.nextInt(4); r > 0; r--) {
                    callerRoles.add(roles.get(random.nextInt(roles.size())));
                }
                PolicyDecision expected = reference.decide(method, path, callerRoles);
                PolicyDecision actual = fast.decide(method, path, callerRoles);
                assertThat(actual).as("%s %s as %s", method, path, callerRoles).isEqualTo(expected);
                assertThat(fast.allows(method, path, callerRoles)).isEqualTo(expected.allowed());
                outcomes.merge(expected.outcome(), 1, Integer::sum);
                cases++;
            }
        }
        assertThat(cases).isGreaterThanOrEqualTo(100_000);
        // the generator must exercise every kind of answer, not only refusals
        assertThat(outcomes.keySet()).containsExactlyInAnyOrder(PolicyDecision.Outcome.values());
        assertThat(outcomes.get(PolicyDecision.Outcome.ALLOWED)).isGreaterThan(cases / 10);
    }

    static PolicySnapshot randomPolicy(Random random, int size, int roleCount) {
        List<PolicySnapshot.Resource> resources = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        long id = 1;
        while (resources.size() < size) {
            String method = random.nextInt(6) == 0 ? "ANY" : METHODS[random.nextInt(METHODS.length)];
            String pattern = randomPattern(random);
            if (keys.add(method + " " + RoutePattern.parse(pattern).shape())) {
                resources.add(new PolicySnapshot.Resource(id++, method, pattern));
            }
        }
        Map<String, List<Long>> grants = new HashMap<>();
        for (int r = 0; r < roleCount; r++) {
            String role = r == 0 ? "ANONYMOUS" : "ROLE_" + r;
            List<Long> granted = new ArrayList<>();
            double share = r == 0 ? 0.05 : random.nextDouble() * 0.3;
            for (PolicySnapshot.Resource resource : resources) {
                if (random.nextDouble() < share) {
                    granted.add(resource.id());
                }
            }
            grants.put(role, granted);
        }
        return new PolicySnapshot(random.nextInt(1000), resources, grants);
    }

    private static String randomPattern(Random random) {
        if (random.nextInt(200) == 0) {
            return random.nextBoolean() ? "/" : "/**";
        }
        int length = 1 + random.nextInt(4);
        StringBuilder pattern = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(10);
            if (i == length - 1 && kind == 0) {
                pattern.append("/**");
            } else if (kind < 3 && i > 0) {
                pattern.append("/{p").append(i).append('}');
            } else {
                pattern.append('/').append(WORDS[random.nextInt(WORDS.length)]);
            }
        }
        return pattern.toString();
    }

    private static String randomPath(Random random, PolicySnapshot snapshot) {
        int style = random.nextInt(10);
        if (style < 6) {
            String pattern = snapshot.resources().get(random.nextInt(snapshot.resources().size())).pattern();
            return mutate(random, instantiate(random, pattern));
        }
        StringBuilder path = new StringBuilder();
        for (int i = random.nextInt(5); i >= 0; i--) {
            path.append('/').append(WORDS[random.nextInt(WORDS.length)]);
        }
        return mutate(random, path.toString());
    }

    private static String instantiate(Random random, String pattern) {
        if (pattern.equals("/")) {
            return "/";
        }
        StringBuilder path = new StringBuilder();
        for (String segment : pattern.substring(1).split("/")) {
            if (segment.equals("**")) {
                for (int n = random.nextInt(3); n > 0; n--) {
                    path.append('/').append(randomValue(random));
                }
            } else if (segment.startsWith("{")) {
                path.append('/').append(randomValue(random));
            } else {
                path.append('/').append(segment);
            }
        }
        return path.isEmpty() ? "/" : path.toString();
    }

    private static String randomValue(Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> WORDS[random.nextInt(WORDS.length)];
            case 1 -> Integer.toString(random.nextInt(100));
            default -> "zz" + random.nextInt(3);
        };
    }

    private static String mutate(Random random, String path) {
        return switch (random.nextInt(25)) {
            case 0 -> path + "/";
            case 1 -> "/" + path;
            case 2 -> path + "/..";
            case 3 -> path.toUpperCase();
            case 4 -> path + "%2f";
            case 5 -> path + ";x=y";
            case 6 -> "";
            case 7 -> path.replace("/", "\\");
            case 8 -> path + "/.";
            case 9 -> path + "/\u00e9t\u00e9";
            case 10 -> path + " ";
            default -> path;
        };
    }
}
