package io.wayfarer.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Runs the browser chat client's own tests ({@code src/test/js}, Node's built-in test runner, no
 * npm packages) inside the Maven build: back-off bounds, reconnect with a new ticket, resume,
 * resend with the same client id, de-duplication. Node is not required to build Wayfarer: without
 * it the test is skipped, except under CI ({@code CI=true}), where a missing Node fails it.
 */
class ChatClientScriptTests {

    @Test
    void theReconnectingJavaScriptClientPassesItsOwnTests() throws Exception {
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        if (!nodeAvailable()) {
            assertThat(ci).as("CI must run the chat client's JavaScript tests, but node is not on the PATH").isFalse();
            Assumptions.abort("node is not on the PATH: the chat client's JavaScript tests are skipped");
        }
        Path log = Files.createTempFile("chat-client-js", ".log");
        Process node = new ProcessBuilder("node", "--test", "src/test/js/")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = node.waitFor(120, TimeUnit.SECONDS);
        if (!finished) {
            node.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(finished).as("node --test finished within 2 minutes:%n%s", output).isTrue();
        assertThat(node.exitValue()).as("node --test src/test/js/:%n%s", output).isZero();
        assertThat(output).as("the runner found and passed tests").containsPattern("(?m)^# pass [1-9]");
    }

    private static boolean nodeAvailable() {
        try {
            Process probe = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            return probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException | InterruptedException notThere) {
            return false;
        }
    }
}
