package io.wayfarer.chat.socket;

import io.wayfarer.chat.ChatKeys;
import io.wayfarer.chat.message.MessageLog;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Live delivery across instances through Redis pub/sub. Each instance listens on its own channel;
 * a frame for some users is published (one script, one round trip) to exactly the instances that
 * hold their sockets, found in the presence sets. Pub/sub is at-most-once: a frame lost here is
 * not lost for the client, whose next message reveals the gap (filled from PostgreSQL) or whose
 * reconnect resumes from its last seq. Received frames are handed to a few single-thread lanes by
 * user, so one user's frames keep their order and a slow socket cannot stall everyone.
 */
@Component
class Fanout implements MessageListener {

    private static final Logger log = LoggerFactory.getLogger(Fanout.class);
    private static final int LANES = 4;

    private static final RedisScript<Long> PUBLISH = RedisScript.of("""
            local seen = {}
            local sent = 0
            for _, key in ipairs(KEYS) do
              for _, member in ipairs(redis.call('ZRANGEBYSCORE', key, ARGV[1], '+inf')) do
                local instance = string.match(member, '^([^|]+)|')
                if instance and not seen[instance] then
                  seen[instance] = true
                  redis.call('PUBLISH', ARGV[2] .. instance, ARGV[3])
                  sent = sent + 1
                end
              end
            end
            return sent""", Long.class);

    private final StringRedisTemplate redis;
    private final ChatKeys keys;
    private final Clock clock;
    private final LocalConnections connections;
    private final MessageLog messages;
    private final ServerFrames frames;
    private final List<ExecutorService> lanes = new ArrayList<>();

    Fanout(StringRedisTemplate redis, ChatKeys keys, Clock clock, LocalConnections connections, MessageLog messages,
            ServerFrames frames) {
        this.redis = redis;
        this.keys = keys;
        this.clock = clock;
        this.connections = connections;
        this.messages = messages;
        this.frames = frames;
        for (int i = 0; i < LANES; i++) {
            int lane = i;
            lanes.add(new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(10_000), runnable -> {
                Thread thread = new Thread(runnable, "chat-fanout-" + lane);
                thread.setDaemon(true);
                return thread;
            }, new ThreadPoolExecutor.CallerRunsPolicy()));
        }
    }

    /**
     * Sends a message frame (ordered, de-duplicated by seq at each socket) to the users' sockets,
     * except the sending connection itself, which has its ack.
     */
    void publishMessage(UUID conversationId, long seq, Collection<UUID> to, String frame, String originConnection) {
        publish("m\n" + conversationId + "\n" + seq + "\n" + join(to) + "\n" + originConnection + "\n" + frame, to);
    }

    /** Sends any other frame (receipt, typing, presence) to the users' sockets. */
    void publishFrame(Collection<UUID> to, String frame) {
        publish("f\n-\n0\n" + join(to) + "\n-\n" + frame, to);
    }

    private void publish(String payload, Collection<UUID> to) {
        List<String> presenceKeys = to.stream().map(keys::presence).toList();
        redis.execute(PUBLISH, presenceKeys, String.valueOf(clock.millis()), keys.instanceChannel(""), payload);
    }

    @Override
    public void onMessage(Message message, byte[] pattern) {
        String payload = new String(message.getBody(), StandardCharsets.UTF_8);
        try {
            String[] parts = payload.split("\n", 6);
            boolean isMessage = parts[0].equals("m");
            UUID conversationId = isMessage ? UUID.fromString(parts[1]) : null;
            long seq = Long.parseLong(parts[2]);
            String origin = parts[4];
            String frame = parts[5];
            for (String user : parts[3].split(",")) {
                UUID userId = UUID.fromString(user);
                if (connections.of(userId).isEmpty()) {
                    continue;
                }
                lanes.get(Math.floorMod(userId.hashCode(), LANES)).execute(() -> {
                    for (ChatConnection connection : connections.of(userId)) {
                        if (connection.id.equals(origin)) {
                            continue;
                        }
                        try {
                            if (isMessage) {
                                connection.deliver(conversationId, seq, frame, messages::between, frames::message);
                            } else {
                                connection.send(frame);
                            }
                        } catch (RuntimeException e) {
                            log.warn("Could not deliver to connection {}: {}", connection.id, e.toString());
                        }
                    }
                });
            }
        } catch (RuntimeException e) {
            log.warn("Dropped an unreadable fan-out frame: {}", e.toString());
        }
    }

    void stop() {
        lanes.forEach(ExecutorService::shutdownNow);
    }

    private static String join(Collection<UUID> users) {
        return String.join(",", users.stream().map(UUID::toString).toList());
    }
}
