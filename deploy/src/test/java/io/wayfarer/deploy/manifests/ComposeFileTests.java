package io.wayfarer.deploy.manifests;

import static io.wayfarer.deploy.manifests.Manifests.at;
import static io.wayfarer.deploy.manifests.Manifests.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** deploy/compose.yaml: every application from its image, on its own port and database, with no secret inside. */
class ComposeFileTests {

    private static final Map<String, Object> COMPOSE = Manifests.documents(Manifests.DEPLOY.resolve("compose.yaml")).get(0);
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{[A-Z0-9_]+(:[?-][^}]*)?}");

    static Stream<String> applications() {
        return Manifests.applications().stream();
    }

    @ParameterizedTest
    @MethodSource("applications")
    void everyApplicationRunsFromItsImageWithItsOwnPortAndDatabase(String application) throws IOException {
        Map<String, Object> service = map(at(COMPOSE, "services", application));
        assertThat(service).as(application).isNotEmpty();
        assertThat((String) service.get("image")).startsWith("wayfarer/" + application + ":");

        String yml = Files.readString(Manifests.ROOT.resolve(application).resolve("src/main/resources/application.yml"));
        Map<String, Object> environment = map(service.get("environment"));
        Matcher database = Pattern.compile("database: (wayfarer_\\w+)").matcher(yml);
        if (database.find()) {
            assertThat(environment).containsEntry("DB_NAME", database.group(1));
            assertThat(Files.readString(Manifests.DEPLOY.resolve("docker/postgres-init.sql")))
                    .contains("CREATE DATABASE " + database.group(1) + ";");
        }
        Matcher port = Pattern.compile("port: \\$\\{PORT:(\\d+)}").matcher(yml);
        if (environment.containsKey("PORT") && port.find()) {
            assertThat(environment.get("PORT")).isEqualTo(port.group(1));
        }
    }

    @Test
    void onlyTheGatewayPublishesAPort() {
        map(COMPOSE.get("services")).forEach((name, service) -> {
            if (!name.equals("gateway-service")) {
                assertThat(map(service)).as(name).doesNotContainKey("ports");
            }
        });
    }

    @Test
    void secretsAreReferencesToTheEnvironmentNeverValues() {
        map(COMPOSE.get("services")).forEach((name, service) -> map(map(service).get("environment")).forEach((key, value) -> {
            if (key.matches(".*(PASSWORD|KEY|SECRET|APP_ID|SELLER_ID).*")) {
                assertThat(String.valueOf(value)).as("%s %s", name, key).matches(REFERENCE);
            }
        }));
    }
}
