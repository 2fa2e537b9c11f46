package io.wayfarer.chat.socket;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** The sockets connected to this instance, by connection and by user. */
@Component
class LocalConnections {

    private final ConcurrentHashMap<String, ChatConnection> byId = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<UUID, Set<ChatConnection>> byUser = new ConcurrentHashMap<>();

    void add(ChatConnection connection) {
        byId.put(connection.id, connection);
        byUser.computeIfAbsent(connection.userId, u -> ConcurrentHashMap.newKeySet()).add(connection);
    }

    /** Removes the connection; true if it was the user's last one here. */
    boolean remove(ChatConnection connection) {
        byId.remove(connection.id);
        boolean[] last = {false};
        byUser.computeIfPresent(connection.userId, (user, set) -> {
            set.remove(connection);
            last[0] = set.isEmpty();
            return set.isEmpty() ? null : set;
        });
        return last[0];
    }

    Collection<ChatConnection> of(UUID userId) {
        Set<ChatConnection> set = byUser.get(userId);
        return set == null ? List.of() : set;
    }

    Collection<ChatConnection> all() {
        return byId.values();
    }

    List<ChatConnection> ofSession(UUID sessionId) {
        return byId.values().stream().filter(c -> c.sessionId.equals(sessionId)).toList();
    }

    int size() {
        return byId.size();
    }
}
