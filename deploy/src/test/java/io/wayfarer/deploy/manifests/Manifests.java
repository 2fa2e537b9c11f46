package io.wayfarer.deploy.manifests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.yaml.snakeyaml.Yaml;

/** The YAML documents of deploy/ read as plain maps, with a few typed lookups the manifest tests share. */
final class Manifests {

    /** The tests run with deploy/ as working directory (surefire's default for a module). */
    static final Path DEPLOY = Path.of("").toAbsolutePath();
    static final Path ROOT = DEPLOY.getParent();
    static final Path K8S = DEPLOY.resolve("k8s");

    private Manifests() {
    }

    static List<Map<String, Object>> documents(Path file) {
        List<Map<String, Object>> documents = new ArrayList<>();
        try (var reader = Files.newBufferedReader(file)) {
            for (Object document : new Yaml().loadAll(reader)) {
                if (document != null) {
                    documents.add(map(document));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return documents;
    }

    /** Every document of the kustomization in {@code dir} and of the kustomizations it includes, in order. */
    static List<Map<String, Object>> build(Path dir) {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (String resource : strings(kustomization(dir).get("resources"))) {
            Path path = dir.resolve(resource).normalize();
            documents.addAll(Files.isDirectory(path) ? build(path) : documents(path));
        }
        return documents;
    }

    /**
     * The documents of an overlay as Kustomize would emit them, for the parts our overlays use: {@code replicas}
     * (by workload name) and JSON 6902 {@code patches} ({@code add}, {@code replace}, {@code remove} on map keys)
     * applied to every document of the target kind (and name, when given).
     */
    static List<Map<String, Object>> render(Path overlay) {
        Map<String, Object> kustomization = kustomization(overlay);
        List<Map<String, Object>> documents = build(overlay);
        for (Map<String, Object> replica : maps(kustomization.get("replicas"))) {
            documents.stream().filter(d -> replica.get("name").equals(name(d)))
                    .filter(d -> List.of("Deployment", "StatefulSet").contains(d.get("kind")))
                    .forEach(d -> map(d.get("spec")).put("replicas", replica.get("count")));
        }
        for (Map<String, Object> patch : maps(kustomization.get("patches"))) {
            String kind = (String) at(patch, "target", "kind");
            String name = (String) at(patch, "target", "name");
            List<Map<String, Object>> operations = maps(new Yaml().loadAs((String) patch.get("patch"), List.class));
            ofKind(documents, kind).filter(d -> name == null || name.equals(name(d)))
                    .forEach(d -> operations.forEach(operation -> apply(d, operation)));
        }
        return documents;
    }

    private static void apply(Map<String, Object> document, Map<String, Object> operation) {
        String[] keys = ((String) operation.get("path")).substring(1).split("/");
        Map<String, Object> parent = map(at(document, java.util.Arrays.copyOf(keys, keys.length - 1)));
        String key = keys[keys.length - 1];
        switch ((String) operation.get("op")) {
            case "add", "replace" -> parent.put(key, operation.get("value"));
            case "remove" -> parent.remove(key);
            default -> throw new IllegalArgumentException("unsupported patch operation " + operation);
        }
    }

    static Map<String, Object> kustomization(Path dir) {
        return documents(dir.resolve("kustomization.yaml")).get(0);
    }

    static Stream<Map<String, Object>> ofKind(List<Map<String, Object>> documents, String kind) {
        return documents.stream().filter(d -> kind.equals(d.get("kind")));
    }

    static Optional<Map<String, Object>> named(List<Map<String, Object>> documents, String kind, String name) {
        return ofKind(documents, kind).filter(d -> name.equals(name(d))).findFirst();
    }

    static String name(Map<String, Object> document) {
        return (String) at(document, "metadata", "name");
    }

    /** The value at a path of map keys (or list indices); null when any step is missing. */
    static Object at(Object node, String... keys) {
        Object current = node;
        for (String key : keys) {
            if (current instanceof Map<?, ?> map) {
                current = map.get(key);
            } else if (current instanceof List<?> list && key.matches("\\d+") && Integer.parseInt(key) < list.size()) {
                current = list.get(Integer.parseInt(key));
            } else {
                return null;
            }
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node) {
        return node instanceof Map<?, ?> ? (Map<String, Object>) node : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> maps(Object node) {
        return node instanceof List<?> ? (List<Map<String, Object>>) node : List.of();
    }

    @SuppressWarnings("unchecked")
    static List<String> strings(Object node) {
        return node instanceof List<?> ? (List<String>) node : List.of();
    }

    /** The applications of the reactor: every module with a Spring Boot main class, so not platform or deploy. */
    static List<String> applications() {
        try (Stream<Path> modules = Files.list(ROOT)) {
            return modules.filter(m -> Files.exists(m.resolve("src/main/resources/application.yml")))
                    .map(m -> m.getFileName().toString())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
