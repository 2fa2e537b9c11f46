package io.wayfarer.chat;

import java.util.ArrayList;
import java.util.List;

/** Closes the sockets a test opened, whatever happens. */
final class Sockets implements AutoCloseable {

    private final List<ChatSocket> open = new ArrayList<>();

    ChatSocket add(ChatSocket socket) {
        open.add(socket);
        return socket;
    }

    @Override
    public void close() {
        for (ChatSocket socket : open) {
            try {
                socket.abort();
            } catch (RuntimeException ignored) {
                // already closed
            }
        }
    }
}
