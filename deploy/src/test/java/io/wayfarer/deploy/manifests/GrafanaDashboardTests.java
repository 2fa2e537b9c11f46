package io.wayfarer.deploy.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * deploy/grafana/wayfarer-dashboard.json asks only for metrics that something publishes: Wayfarer's own meters
 * (found by name in the applications' sources) or the framework's families. A renamed meter fails here, not on
 * an operator's empty panel.
 */
class GrafanaDashboardTests {

    private static final Path DASHBOARD = Manifests.DEPLOY.resolve("grafana/wayfarer-dashboard.json");
    /** Families Spring Boot, Micrometer and the Kafka client publish on their own. */
    private static final List<String> FRAMEWORK = List.of("http_server_requests_", "jvm_", "hikaricp_",
            "kafka_consumer_", "process_", "system_");
    private static final Pattern SERIES = Pattern.compile("([a-z_][a-z0-9_]*)\\s*(\\{|\\[)");
    private static final Pattern METER_NAME = Pattern.compile("\"([a-z]+(?:\\.[a-z]+)+)\"");
    private static final Pattern UNIT_SUFFIX = Pattern.compile("(_seconds|_bytes)?(_total|_bucket|_count|_sum|_max)?$");

    @Test
    void everyPanelQueriesAMetricThatIsPublished() throws IOException {
        JsonNode dashboard = JsonMapper.builder().build().readTree(Files.readString(DASHBOARD));
        Set<String> meters = publishedMeters();
        Set<String> queried = new TreeSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(panel.path("targets").size()).as(panel.path("title").asString()).isPositive();
            for (JsonNode target : panel.path("targets")) {
                Matcher series = SERIES.matcher(target.path("expr").asString());
                while (series.find()) {
                    queried.add(series.group(1));
                }
            }
        }
        assertThat(queried).isNotEmpty();
        for (String metric : queried) {
            if (FRAMEWORK.stream().anyMatch(metric::startsWith) || isPromQlFunction(metric)) {
                continue;
            }
            String base = UNIT_SUFFIX.matcher(metric).replaceFirst("");
            assertThat(meters).as("a meter published as %s", metric).contains(base);
        }
    }

    @Test
    void panelsHaveUniqueIdsAndTitles() throws IOException {
        JsonNode panels = JsonMapper.builder().build().readTree(Files.readString(DASHBOARD)).path("panels");
        List<Integer> ids = Stream.iterate(0, i -> i < panels.size(), i -> i + 1).map(i -> panels.get(i).path("id").asInt()).toList();
        List<String> titles = Stream.iterate(0, i -> i < panels.size(), i -> i + 1)
                .map(i -> panels.get(i).path("title").asString()).toList();
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(titles).doesNotHaveDuplicates().allMatch(title -> !title.isBlank());
    }

    private static boolean isPromQlFunction(String word) {
        return Set.of("rate", "sum", "max", "histogram_quantile", "increase", "by").contains(word);
    }

    /** Meter names written in the applications' main sources, as Prometheus spells them (dots to underscores). */
    private static Set<String> publishedMeters() {
        try (Stream<Path> sources = Files.walk(Manifests.ROOT)) {
            return sources.filter(path -> path.toString().endsWith(".java"))
                    .filter(path -> path.toString().contains("/src/main/java/"))
                    .flatMap(GrafanaDashboardTests::meterNames)
                    .map(name -> name.replace('.', '_'))
                    .collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<String> meterNames(Path source) {
        try {
            Matcher matcher = METER_NAME.matcher(Files.readString(source));
            Stream.Builder<String> names = Stream.builder();
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
            return names.build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
