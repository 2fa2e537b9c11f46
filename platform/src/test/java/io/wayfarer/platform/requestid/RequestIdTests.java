package io.wayfarer.platform.requestid;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RequestIdTests {

    @Test
    void generatedIdsAreRandomVersion4UuidsThatTheServicesAccept() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = RequestId.generate();
            UUID parsed = UUID.fromString(id);
            assertThat(parsed.version()).isEqualTo(4);
            assertThat(parsed.variant()).isEqualTo(2);
            assertThat(RequestId.isAcceptable(id)).isTrue();
            assertThat(seen.add(id)).as("id %s drawn twice", id).isTrue();
        }
    }

    @Test
    void aPlainIdFromOutsideIsKeptAndAnythingElseReplaced() {
        assertThat(RequestId.acceptOrGenerate("client-req.0001")).isEqualTo("client-req.0001");
        assertThat(RequestId.acceptOrGenerate("bad id\r\nX-Injected: 1")).doesNotContain("\n").hasSize(36);
        assertThat(RequestId.acceptOrGenerate("short")).hasSize(36);
        assertThat(RequestId.acceptOrGenerate(null)).hasSize(36);
    }
}
