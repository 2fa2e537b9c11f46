package io.wayfarer.deploy.manifests;

import static io.wayfarer.deploy.manifests.Manifests.at;
import static io.wayfarer.deploy.manifests.Manifests.map;
import static io.wayfarer.deploy.manifests.Manifests.maps;
import static io.wayfarer.deploy.manifests.Manifests.name;
import static io.wayfarer.deploy.manifests.Manifests.named;
import static io.wayfarer.deploy.manifests.Manifests.ofKind;
import static io.wayfarer.deploy.manifests.Manifests.strings;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * deploy/k8s checked without a cluster: the Kustomize base and overlays parse, every application has a workload with
 * probes on its actuator groups, resources, a Service, a PodDisruptionBudget and (for the stateless ones) an HPA, and
 * what the manifests say agrees with the applications' own configuration.
 */
class KubernetesManifestsTests {

    private static final Path BASE = Manifests.K8S.resolve("base");
    private static final List<Map<String, Object>> BASE_DOCUMENTS = Manifests.build(BASE);
    private static final Pattern DEFAULT_PORT = Pattern.compile("port: \\$\\{PORT:(\\d+)}");

    static Stream<String> applications() {
        return Manifests.applications().stream();
    }

    @ParameterizedTest
    @MethodSource("applications")
    void everyApplicationRunsFromItsImageWithProbesResourcesAndItsOwnPort(String application) throws IOException {
        Map<String, Object> workload = workload(application);
        Map<String, Object> container = maps(at(workload, "spec", "template", "spec", "containers")).get(0);

        assertThat(container.get("image")).isEqualTo("wayfarer/" + application + ":latest");
        assertThat(at(container, "readinessProbe", "httpGet", "path")).isEqualTo("/actuator/health/readiness");
        assertThat(at(container, "livenessProbe", "httpGet", "path")).isEqualTo("/actuator/health/liveness");
        // every probe asks the actuator on the management port (the only place it answers; never the public port)
        assertThat(at(container, "readinessProbe", "httpGet", "port")).isEqualTo("management");
        assertThat(at(container, "livenessProbe", "httpGet", "port")).isEqualTo("management");
        assertThat(at(container, "startupProbe", "httpGet", "port")).isEqualTo("management");
        assertThat(at(container, "resources", "requests", "cpu")).isNotNull();
        assertThat(at(container, "resources", "requests", "memory")).isNotNull();
        assertThat(at(container, "resources", "limits", "memory")).isNotNull();
        assertThat(at(workload, "spec", "template", "spec", "securityContext", "runAsNonRoot")).isEqualTo(true);

        Map<String, Integer> ports = ports(container);
        assertThat(ports).containsEntry("management", 9080).containsEntry("http", defaultPort(application));
        assertThat(env(container)).containsEntry("PORT", String.valueOf(defaultPort(application)));
        // the pod template's labels are what the selector, the Service, the PDB and the spread constraint select
        Map<String, Object> labels = map(at(workload, "spec", "template", "metadata", "labels"));
        assertThat(labels).containsAllEntriesOf(map(at(workload, "spec", "selector", "matchLabels")));
    }

    @ParameterizedTest
    @MethodSource("applications")
    void everyApplicationHasAServiceOnItsHttpPortAndADisruptionBudget(String application) {
        Map<String, Object> labels = map(at(workload(application), "spec", "template", "metadata", "labels"));

        Map<String, Object> service = named(BASE_DOCUMENTS, "Service", application).orElseThrow();
        assertThat(labels).containsAllEntriesOf(map(at(service, "spec", "selector")));
        assertThat(maps(at(service, "spec", "ports"))).extracting(p -> p.get("targetPort")).containsExactly("http");
        assertThat(maps(at(service, "spec", "ports"))).extracting(p -> p.get("port")).doesNotContain(9080);

        Map<String, Object> budget = named(BASE_DOCUMENTS, "PodDisruptionBudget", application).orElseThrow();
        assertThat(labels).containsAllEntriesOf(map(at(budget, "spec", "selector", "matchLabels")));
        assertThat((Integer) at(budget, "spec", "minAvailable")).isPositive()
                .isLessThan((Integer) at(workload(application), "spec", "replicas"));
    }

    @ParameterizedTest
    @MethodSource("applications")
    void statelessApplicationsScaleOnCpuFromAtLeastTwoReplicas(String application) {
        if (application.equals("discovery-server")) {
            return; // a fixed pair of Eureka peers, see eurekaRunsAsTwoPeersThatEveryClientKnows
        }
        Map<String, Object> scaler = named(BASE_DOCUMENTS, "HorizontalPodAutoscaler", application).orElseThrow();
        assertThat(at(scaler, "spec", "scaleTargetRef", "kind")).isEqualTo("Deployment");
        assertThat(at(scaler, "spec", "scaleTargetRef", "name")).isEqualTo(application);
        int min = (Integer) at(scaler, "spec", "minReplicas");
        assertThat(min).isGreaterThanOrEqualTo(2).isEqualTo(at(workload(application), "spec", "replicas"));
        assertThat((Integer) at(scaler, "spec", "maxReplicas")).isGreaterThan(min);
        assertThat(maps(at(scaler, "spec", "metrics"))).extracting(m -> at(m, "resource", "name")).contains("cpu");
    }

    @Test
    void eurekaRunsAsTwoPeersThatEveryClientKnows() {
        Map<String, Object> eureka = named(BASE_DOCUMENTS, "StatefulSet", "discovery-server").orElseThrow();
        assertThat(at(eureka, "spec", "replicas")).isEqualTo(2);
        String headless = (String) at(eureka, "spec", "serviceName");
        assertThat(at(named(BASE_DOCUMENTS, "Service", headless).orElseThrow(), "spec", "clusterIP")).isEqualTo("None");

        String eurekaUrl = (String) at(config(), "data", "EUREKA_URL");
        assertThat(eurekaUrl.split(",")).containsExactly(
                "http://discovery-server-0." + headless + ":8761/eureka/",
                "http://discovery-server-1." + headless + ":8761/eureka/");
        Map<String, String> env = env(maps(at(eureka, "spec", "template", "spec", "containers")).get(0));
        assertThat(env).containsEntry("EUREKA_PEERS_ENABLED", "true");
    }

    @Test
    void theIngressReachesOnlyTheGateway() {
        List<Map<String, Object>> ingresses = ofKind(BASE_DOCUMENTS, "Ingress").toList();
        assertThat(ingresses).hasSize(1);
        List<Object> backends = maps(at(maps(at(ingresses.get(0), "spec", "rules")).get(0), "http", "paths")).stream()
                .map(path -> at(path, "backend", "service", "name"))
                .toList();
        assertThat(backends).containsOnly("gateway-service");
    }

    @Test
    void secretsAreTemplatesWithoutValues() {
        List<Map<String, Object>> secrets = ofKind(BASE_DOCUMENTS, "Secret").toList();
        assertThat(secrets).isNotEmpty();
        for (Map<String, Object> secret : secrets) {
            assertThat(secret).doesNotContainKey("data");
            assertThat(map(secret.get("stringData")).values()).as(name(secret)).allMatch(""::equals);
        }
        // every Secret a workload reads is one of the templates
        List<String> templates = secrets.stream().map(Manifests::name).toList();
        Manifests.applications().forEach(application -> maps(at(
                maps(at(workload(application), "spec", "template", "spec", "containers")).get(0), "envFrom")).stream()
                .map(source -> (String) at(source, "secretRef", "name"))
                .filter(Objects::nonNull)
                .forEach(secret -> assertThat(templates).as(application).contains(secret)));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void overlaysBuildOnTheBaseAndPatchOnlyWhatExists(String overlay) {
        Path dir = Manifests.K8S.resolve("overlays").resolve(overlay);
        Map<String, Object> kustomization = Manifests.kustomization(dir);
        List<Map<String, Object>> documents = Manifests.build(dir);
        assertThat(strings(kustomization.get("resources"))).contains("../../base");
        assertThat(kustomization.get("namespace")).isNotNull();

        for (Map<String, Object> replica : maps(kustomization.get("replicas"))) {
            assertThat(named(documents, "Deployment", (String) replica.get("name"))).as("replicas").isPresent();
        }
        for (Map<String, Object> image : maps(kustomization.get("images"))) {
            String imageName = (String) image.get("name");
            assertThat(Manifests.applications()).as("images").contains(imageName.substring("wayfarer/".length()));
        }
        for (Map<String, Object> patch : maps(kustomization.get("patches"))) {
            String kind = (String) at(patch, "target", "kind");
            String targetName = (String) at(patch, "target", "name");
            List<Map<String, Object>> targets = ofKind(documents, kind)
                    .filter(d -> targetName == null || targetName.equals(name(d))).toList();
            assertThat(targets).as("patch target %s/%s", kind, targetName).isNotEmpty();
            for (Object operation : new Yaml().loadAs((String) patch.get("patch"), List.class)) {
                String op = (String) map(operation).get("op");
                String path = (String) map(operation).get("path");
                if (op.equals("replace") || op.equals("remove")) {
                    targets.forEach(target -> assertThat(at(target, pathKeys(path))).as("%s %s", kind, path).isNotNull());
                }
            }
        }
    }

    /**
     * A budget that allows no disruption at the replica count an overlay runs makes {@code kubectl drain} wait
     * forever (minAvailable 1 of 1 pod). Checked with the overlay's replicas and patches applied, at the fewest
     * pods the workload can have (its HPA may scale it down to minReplicas).
     */
    @ParameterizedTest
    @MethodSource("overlays")
    void noDisruptionBudgetForbidsEveryDisruptionAtTheOverlaysReplicas(String overlay) {
        List<Map<String, Object>> documents = Manifests.render(Manifests.K8S.resolve("overlays").resolve(overlay));
        List<Map<String, Object>> budgets = ofKind(documents, "PodDisruptionBudget").toList();
        assertThat(budgets).hasSize(Manifests.applications().size());
        for (Map<String, Object> budget : budgets) {
            Map<String, Object> selector = map(at(budget, "spec", "selector", "matchLabels"));
            List<Map<String, Object>> workloads = Stream.concat(ofKind(documents, "Deployment"), ofKind(documents, "StatefulSet"))
                    .filter(w -> map(at(w, "spec", "template", "metadata", "labels")).entrySet()
                            .containsAll(selector.entrySet()))
                    .toList();
            assertThat(workloads).as("workload of budget %s", name(budget)).hasSize(1);
            Map<String, Object> workload = workloads.get(0);
            int fewest = named(documents, "HorizontalPodAutoscaler", name(workload))
                    .map(scaler -> Math.min((Integer) at(scaler, "spec", "minReplicas"), (Integer) at(workload, "spec", "replicas")))
                    .orElse((Integer) at(workload, "spec", "replicas"));
            assertThat(allowedDisruptions(map(budget.get("spec")), fewest))
                    .as("%s: pods that may be evicted at %d replica(s)", name(budget), fewest).isPositive();
        }
    }

    @Test
    void theBaseBudgetsAllowOneDisruptionToo() {
        ofKind(BASE_DOCUMENTS, "PodDisruptionBudget").forEach(budget -> assertThat(allowedDisruptions(
                map(budget.get("spec")), (Integer) at(workload(name(budget)), "spec", "replicas"))).as(name(budget)).isPositive());
    }

    /** What the disruption controller computes for healthy pods: replicas − minAvailable, or maxUnavailable. */
    private static int allowedDisruptions(Map<String, Object> spec, int replicas) {
        assertThat(spec.containsKey("minAvailable") ^ spec.containsKey("maxUnavailable"))
                .as("exactly one of minAvailable and maxUnavailable: %s", spec).isTrue();
        if (spec.containsKey("minAvailable")) {
            return replicas - pods(spec.get("minAvailable"), replicas);
        }
        return Math.min(replicas, pods(spec.get("maxUnavailable"), replicas));
    }

    /** An int-or-percentage as pods (the disruption controller rounds a percentage up for both fields). */
    private static int pods(Object value, int replicas) {
        if (value instanceof Integer count) {
            return count;
        }
        return (int) Math.ceil(Double.parseDouble(((String) value).replace("%", "")) * replicas / 100);
    }

    static Stream<String> overlays() {
        return Stream.of("local", "production");
    }

    private static String[] pathKeys(String jsonPointer) {
        return jsonPointer.substring(1).split("/");
    }

    private static Map<String, Object> workload(String application) {
        return named(BASE_DOCUMENTS, "Deployment", application)
                .or(() -> named(BASE_DOCUMENTS, "StatefulSet", application))
                .orElseThrow(() -> new AssertionError("no Deployment or StatefulSet for " + application));
    }

    private static Map<String, Object> config() {
        return named(BASE_DOCUMENTS, "ConfigMap", "wayfarer-config").orElseThrow();
    }

    private static Map<String, Integer> ports(Map<String, Object> container) {
        return maps(container.get("ports")).stream()
                .collect(Collectors.toMap(p -> (String) p.get("name"), p -> (Integer) p.get("containerPort")));
    }

    private static Map<String, String> env(Map<String, Object> container) {
        return maps(container.get("env")).stream()
                .filter(e -> e.get("value") != null)
                .collect(Collectors.toMap(e -> (String) e.get("name"), e -> String.valueOf(e.get("value"))));
    }

    /** The port an application listens on by default, from its own application.yml. */
    private static int defaultPort(String application) throws IOException {
        String yml = Files.readString(Manifests.ROOT.resolve(application).resolve("src/main/resources/application.yml"));
        Matcher matcher = DEFAULT_PORT.matcher(yml);
        assertThat(matcher.find()).as("%s declares port: ${PORT:n}", application).isTrue();
        return Integer.parseInt(matcher.group(1));
    }
}
