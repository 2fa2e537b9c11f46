package io.wayfarer.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * There is no Docker daemon on the build machine, so deploy/docker/Dockerfile is tested by doing what it does: the
 * layer extraction command of its first stage on a real jar, then its COPY lines in their order into one folder,
 * then its ENTRYPOINT from that folder — the application must start and report ready.
 */
class ContainerImageIntegrationTests {

    private static final Path ROOT = Path.of(System.getProperty("wayfarer.root", "..")).toAbsolutePath().normalize();
    private static final Path DOCKERFILE = ROOT.resolve("deploy/docker/Dockerfile");
    private static final Pattern EXTRACT = Pattern.compile("^RUN (java -Djarmode=tools -jar application\\.jar extract .*)$");
    private static final Pattern COPY_LAYER = Pattern.compile("^COPY --from=layers /build/extracted/([a-z-]+)/ \\./$");
    private static final Pattern ENTRYPOINT = Pattern.compile("^ENTRYPOINT \\[(.*)]$");

    @Test
    void theImageRecipeExtractsEveryLayerAndTheApplicationStartsFromThem() throws Exception {
        List<String> lines = Files.readAllLines(DOCKERFILE);
        List<String> extract = Arrays.asList(single(lines, EXTRACT).split(" "));
        List<String> layers = lines.stream().map(COPY_LAYER::matcher).filter(Matcher::matches).map(m -> m.group(1)).toList();
        List<String> entrypoint = Stream.of(single(lines, ENTRYPOINT).split(","))
                .map(part -> part.trim().replace("\"", "")).toList();

        Path work = Files.createDirectories(Path.of("target", "image-it").toAbsolutePath());
        Path build = clean(work.resolve("build"));
        Files.copy(ROOT.resolve("discovery-server/target/discovery-server.jar"), build.resolve("application.jar"));
        assertThat(run(build, extract)).as("layer extraction").isZero();

        // the image copies exactly the layers the jar declares: a new layer would otherwise be silently left out
        try (Stream<Path> extracted = Files.list(build.resolve("extracted"))) {
            assertThat(extracted.map(p -> p.getFileName().toString())).containsExactlyInAnyOrderElementsOf(layers);
        }
        Path app = clean(work.resolve("app"));
        for (String layer : layers) {
            copyTree(build.resolve("extracted").resolve(layer), app);
        }
        assertThat(app.resolve("BOOT-INF/lib")).isDirectory();

        int port = Ports.free();
        ProcessBuilder starting = new ProcessBuilder(entrypoint).directory(app.toFile())
                .redirectErrorStream(true).redirectOutput(work.resolve("discovery-server.log").toFile());
        starting.environment().put("PORT", String.valueOf(port));
        Process process = starting.start();
        try {
            assertThat(awaitReady(port, Duration.ofSeconds(120))).as("ready, see %s", work.resolve("discovery-server.log"))
                    .isTrue();
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static String single(List<String> lines, Pattern pattern) {
        List<String> found = lines.stream().map(pattern::matcher).filter(Matcher::matches).map(m -> m.group(1)).toList();
        assertThat(found).as("one line matching %s in the Dockerfile", pattern).hasSize(1);
        return found.get(0);
    }

    private static int run(Path directory, List<String> command) throws IOException, InterruptedException {
        List<String> withJava = new ArrayList<>(command);
        withJava.set(0, Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Process process = new ProcessBuilder(withJava).directory(directory.toFile()).inheritIO().start();
        return process.waitFor(60, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }

    private static boolean awaitReady(int port, Duration within) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest readiness = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            try {
                if (http.send(readiness, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return true;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        return false;
    }

    private static Path clean(Path directory) throws IOException {
        if (Files.exists(directory)) {
            try (Stream<Path> all = Files.walk(directory)) {
                all.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
            }
        }
        return Files.createDirectories(directory);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path source : (Iterable<Path>) all::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
