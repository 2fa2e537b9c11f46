package io.wayfarer.chat.socket;

import io.wayfarer.chat.conversation.Conversations;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tells a user's conversation partners when the user comes online (first socket anywhere) or goes
 * offline (last socket closed). Best effort and off the socket threads: under a connection storm
 * the notices are dropped rather than queued; a client always gets the partner's presence when it
 * resumes a conversation, and a crashed instance's users simply expire.
 */
@Component
class PresenceNotices {

    private static final Logger log = LoggerFactory.getLogger(PresenceNotices.class);
    static final int MAX_PARTNERS = 500;

    private final Conversations conversations;
    private final Fanout fanout;
    private final ServerFrames frames;
    private final ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(1_000), runnable -> {
                Thread thread = new Thread(runnable, "chat-presence");
                thread.setDaemon(true);
                return thread;
            }, new ThreadPoolExecutor.DiscardPolicy());

    PresenceNotices(Conversations conversations, Fanout fanout, ServerFrames frames) {
        this.conversations = conversations;
        this.fanout = fanout;
        this.frames = frames;
    }

    void changed(UUID userId, boolean online) {
        executor.execute(() -> {
            try {
                List<UUID> partners = conversations.counterpartsOf(userId, MAX_PARTNERS);
                if (!partners.isEmpty()) {
                    fanout.publishFrame(partners, frames.presence(userId, online));
                }
            } catch (RuntimeException e) {
                log.debug("Presence notice for {} dropped: {}", userId, e.toString());
            }
        });
    }

    void stop() {
        executor.shutdownNow();
    }
}
