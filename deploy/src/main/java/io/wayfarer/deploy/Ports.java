package io.wayfarer.deploy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Finds out, before anything starts, whether the ports a run needs are taken by another program. */
final class Ports {

    private Ports() {
    }

    /** @param owners port to what the launcher wants it for */
    static void requireFree(Map<Integer, String> owners) {
        List<String> busy = new ArrayList<>();
        owners.forEach((port, owner) -> {
            if (inUse(port)) {
                busy.add("  port " + port + " (" + owner + ")");
            }
        });
        if (!busy.isEmpty()) {
            throw new LaunchFailure("These ports are already in use by another program:\n" + String.join("\n", busy)
                    + "\nSee who holds one with: ss -ltnp 'sport = :PORT'  (or: lsof -iTCP:PORT -sTCP:LISTEN)"
                    + "\nIf a previous run was killed, ./deploy/run.sh stop cleans up what it left behind.");
        }
    }

    /** Taken if someone answers on localhost or the port cannot be bound on all interfaces. */
    static boolean inUse(int port) {
        return answers("127.0.0.1", port) || !bindable(port);
    }

    static boolean answers(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int free() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new LaunchFailure("No free port: " + e.getMessage(), e);
        }
    }
}
