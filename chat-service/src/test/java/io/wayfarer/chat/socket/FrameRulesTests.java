package io.wayfarer.chat.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The socket's pure rules: rate limit, heartbeat verdicts, frame reading. */
class FrameRulesTests {

    private static final long SECOND = 1_000_000_000L;
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void theRateLimitAllowsABurstRefillsAndCutsOffPersistentFlooding() {
        FrameRateLimit limit = new FrameRateLimit(10, 3, 2, 0);
        assertThat(limit.take(0)).isEqualTo(FrameRateLimit.Verdict.ALLOW);
        assertThat(limit.take(0)).isEqualTo(FrameRateLimit.Verdict.ALLOW);
        assertThat(limit.take(0)).isEqualTo(FrameRateLimit.Verdict.ALLOW);
        assertThat(limit.take(0)).isEqualTo(FrameRateLimit.Verdict.REFUSE);
        assertThat(limit.take(SECOND / 10)).isEqualTo(FrameRateLimit.Verdict.ALLOW);
        assertThat(limit.take(SECOND / 10)).isEqualTo(FrameRateLimit.Verdict.CUT_OFF);
    }

    @Test
    void heartbeatVerdictsFollowTheClocks() {
        Liveness liveness = new Liveness(Duration.ofSeconds(25), Duration.ofSeconds(60), Duration.ofMinutes(30));
        assertThat(liveness.of(10 * SECOND, 0, 0, 0)).isEqualTo(Liveness.Verdict.FINE);
        assertThat(liveness.of(26 * SECOND, 20 * SECOND, 0, 0)).isEqualTo(Liveness.Verdict.PING);
        assertThat(liveness.of(61 * SECOND, 0, 0, 30 * SECOND)).isEqualTo(Liveness.Verdict.DEAD);
        assertThat(liveness.of(1801 * SECOND, 1800 * SECOND, 0, 1790 * SECOND)).isEqualTo(Liveness.Verdict.IDLE);
    }

    @Test
    void aFrameInPiecesIsJoinedAndOneOverTheLimitIsRefusedWhateverItsPieces() {
        FrameAssembly frames = new FrameAssembly(10);
        assertThat(frames.add("{\"a\":1}", true)).isEqualTo("{\"a\":1}");
        assertThat(frames.add("{\"a\"", false)).isNull();
        assertThat(frames.add(":12}", true)).isEqualTo("{\"a\":12}");
        assertThat(frames.tooLong()).isFalse();
        assertThat(frames.add("0123456", false)).isNull();
        assertThat(frames.add("7890", true)).as("11 chars in two pieces").isNull();
        assertThat(frames.tooLong()).isTrue();
        assertThat(new FrameAssembly(10).add("01234567890", true)).isNull();
    }

    @Test
    void framesAreReadStrictlyButIgnoreUnknownFields() {
        ClientFrame frame = ClientFrame.of(json.readTree(
                "{\"type\":\"resume\",\"conversationId\":\"6f1c1c52-0f5f-4a57-9b43-1f2d3c4b5a69\",\"afterSeq\":4,\"future\":1}"));
        assertThat(frame.afterSeq()).isEqualTo(4);
        assertThat(frame.conversation()).isNotNull();
        assertThatThrownBy(() -> ClientFrame.of(json.readTree("{\"type\":5}"))).isInstanceOf(ClientFrame.Malformed.class);
        assertThatThrownBy(() -> ClientFrame.of(json.readTree("{\"type\":\"resume\",\"afterSeq\":1.5}")))
                .isInstanceOf(ClientFrame.Malformed.class);
        assertThatThrownBy(() -> ClientFrame.of(json.readTree("\"text\""))).isInstanceOf(ClientFrame.Malformed.class);
        assertThatThrownBy(() -> ClientFrame.of(json.readTree("{\"type\":\"send\"}")).conversation())
                .isInstanceOf(ClientFrame.Malformed.class);
    }
}
