package io.wayfarer.gateway.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The web app has no build step, so what a bundler or linter would catch is checked here: every module
 * a module imports exists; nothing writes HTML from strings or evaluates code (the CSP forbids inline
 * scripts, and text from users must never become markup); the page has no inline script, style or
 * handler; and the chat client is the one chat-service publishes and tests.
 */
class WebAppSourcesTests {

    /** What the gateway serves: its own static files plus chat-service's client, copied by the build. */
    private static final Path STATIC = Path.of("target/classes/static");
    private static final Pattern IMPORT = Pattern.compile("(?m)^\\s*(?:import|export)\\s[^;]*?from\\s+'([^']+)'|^\\s*import\\s+'([^']+)'");
    private static final Pattern HTML_SINKS = Pattern.compile(
            "innerHTML|outerHTML|insertAdjacentHTML|document\\.write|\\beval\\s*\\(|new\\s+Function\\s*\\(|setAttribute\\(\\s*'(on|style)");

    @Test
    void everyImportedModuleExists() throws IOException {
        List<String> missing = new ArrayList<>();
        for (Path module : modules()) {
            Matcher matcher = IMPORT.matcher(Files.readString(module));
            while (matcher.find()) {
                String target = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
                Path resolved = target.startsWith("/") ? STATIC.resolve(target.substring(1)) : module.getParent().resolve(target);
                if (!Files.isRegularFile(resolved.normalize())) {
                    missing.add(STATIC.relativize(module) + " imports " + target);
                }
            }
        }
        assertThat(missing).isEmpty();
        assertThat(modules()).hasSizeGreaterThan(10);
    }

    @Test
    void noModuleTurnsStringsIntoMarkupOrCode() throws IOException {
        for (Path module : modules()) {
            assertThat(HTML_SINKS.matcher(Files.readString(module)).find()).as(module.toString()).isFalse();
        }
    }

    @Test
    void thePageHasNoInlineScriptStyleOrHandler() throws IOException {
        String page = Files.readString(STATIC.resolve("index.html"));
        Matcher scripts = Pattern.compile("<script([^>]*)>").matcher(page);
        while (scripts.find()) {
            assertThat(scripts.group(1)).contains("src=");
        }
        assertThat(page).doesNotContainPattern("(?i)\\son[a-z]+=").doesNotContainPattern("(?i)<style|\\sstyle=");
    }

    @Test
    void theChatClientIsChatServicesOwn() throws IOException {
        Path published = Path.of("../chat-service/src/main/resources/static/chat-client.js");
        assertThat(Path.of("src/main/resources/static/app/chat-client.js")).as("no second copy in git").doesNotExist();
        assertThat(Files.readString(STATIC.resolve("app/chat-client.js")))
                .as("the build copies chat-service's chat-client.js into the web app")
                .isEqualTo(Files.readString(published));
    }

    private static List<Path> modules() throws IOException {
        try (Stream<Path> files = Files.walk(STATIC)) {
            return files.filter(file -> file.toString().endsWith(".js")).sorted().toList();
        }
    }
}
