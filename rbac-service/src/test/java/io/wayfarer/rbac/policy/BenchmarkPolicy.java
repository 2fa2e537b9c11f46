package io.wayfarer.rbac.policy;

import io.wayfarer.platform.policy.PolicySnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The benchmark's policy: 10,000 resources of realistic REST shapes over ~260 modules
 * ({@code /v1/m17}, {@code /v1/m17/{id}}, {@code /v1/m17/{id}/s3/{subId}}, {@code /v2/m17/**} ...),
 * 50 roles (ANONYMOUS reads a third of the modules; every other role gets everything of ten random
 * modules) and 4,096 requests, 85 % of them on a resource and 15 % on routes nobody serves.
 */
final class BenchmarkPolicy {

    static final int RESOURCES = 10_000;
    static final int ROLES = 50;
    static final int REQUESTS = 4_096;

    final PolicySnapshot snapshot;
    final List<Request> requests = new ArrayList<>();
    /** Per resource index: its module, for grants. */
    private final List<Integer> moduleOf = new ArrayList<>();

    record Request(String method, String path, List<String> roles) {
    }

    BenchmarkPolicy(long seed) {
        Random random = new Random(seed);
        List<PolicySnapshot.Resource> resources = new ArrayList<>();
        for (int module = 0; resources.size() < RESOURCES; module++) {
            for (String[] shape : shapesOf("m" + module)) {
                if (resources.size() < RESOURCES) {
                    resources.add(new PolicySnapshot.Resource(resources.size() + 1, shape[0], shape[1]));
                    moduleOf.add(module);
                }
            }
        }
        int modules = moduleOf.get(moduleOf.size() - 1) + 1;
        Map<String, List<Long>> grants = new HashMap<>();
        List<String> roles = new ArrayList<>();
        for (int r = 0; r < ROLES; r++) {
            String role = r == 0 ? "ANONYMOUS" : "ROLE_" + r;
            roles.add(role);
            List<Long> granted = new ArrayList<>();
            boolean[] chosen = new boolean[modules];
            for (int k = 0; k < (r == 0 ? modules / 3 : 10); k++) {
                chosen[random.nextInt(modules)] = true;
            }
            for (int i = 0; i < resources.size(); i++) {
                boolean read = resources.get(i).method().equals("GET");
                if (chosen[moduleOf.get(i)] && (r != 0 || read)) {
                    granted.add(resources.get(i).id());
                }
            }
            grants.put(role, granted);
        }
        this.snapshot = new PolicySnapshot(1, resources, grants);
        for (int i = 0; i < REQUESTS; i++) {
            List<String> callerRoles = new ArrayList<>();
            for (int n = 1 + random.nextInt(3); n > 0; n--) {
                callerRoles.add(roles.get(1 + random.nextInt(ROLES - 1)));
            }
            if (random.nextInt(100) < 15) {
                requests.add(new Request("GET", "/v1/unknown" + random.nextInt(50) + "/" + random.nextInt(1000), callerRoles));
            } else {
                PolicySnapshot.Resource resource = resources.get(random.nextInt(resources.size()));
                String method = resource.method().equals("ANY") ? "PATCH" : resource.method();
                requests.add(new Request(method, instantiate(resource.pattern(), random), callerRoles));
            }
        }
    }

    private static List<String[]> shapesOf(String module) {
        List<String[]> shapes = new ArrayList<>();
        shapes.add(new String[] {"GET", "/v1/" + module});
        shapes.add(new String[] {"POST", "/v1/" + module});
        shapes.add(new String[] {"GET", "/v1/" + module + "/search"});
        for (String method : List.of("GET", "PUT", "PATCH", "DELETE")) {
            shapes.add(new String[] {method, "/v1/" + module + "/{id}"});
        }
        for (int sub = 0; sub < 5; sub++) {
            String collection = "/v1/" + module + "/{id}/s" + sub;
            shapes.add(new String[] {"GET", collection});
            shapes.add(new String[] {"POST", collection});
            for (String method : List.of("GET", "PUT", "PATCH", "DELETE")) {
                shapes.add(new String[] {method, collection + "/{subId}"});
            }
        }
        shapes.add(new String[] {"POST", "/v1/" + module + "/{id}/actions/{action}"});
        shapes.add(new String[] {"ANY", "/v2/" + module + "/**"});
        return shapes;
    }

    private static String instantiate(String pattern, Random random) {
        StringBuilder path = new StringBuilder();
        for (String segment : pattern.substring(1).split("/")) {
            if (segment.equals("**")) {
                path.append("/x/").append(random.nextInt(1000));
            } else if (segment.startsWith("{")) {
                path.append('/').append(random.nextInt(100_000));
            } else {
                path.append('/').append(segment);
            }
        }
        return path.toString();
    }

    /** The same policy for jCasbin's RESTful RBAC model: keyMatch2 patterns and a method regex. */
    List<List<String>> casbinPolicies() {
        Map<Long, PolicySnapshot.Resource> byId = new HashMap<>();
        snapshot.resources().forEach(resource -> byId.put(resource.id(), resource));
        List<List<String>> lines = new ArrayList<>();
        snapshot.grants().forEach((role, ids) -> ids.forEach(id -> {
            PolicySnapshot.Resource resource = byId.get(id);
            String object = resource.pattern().replaceAll("\\{([A-Za-z]+)}", ":$1").replace("/**", "/*");
            String action = resource.method().equals("ANY") ? "^(GET|POST|PUT|PATCH|DELETE)$" : "^" + resource.method() + "$";
            lines.add(List.of(role, object, action));
        }));
        return lines;
    }
}
