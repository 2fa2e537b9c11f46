package io.wayfarer.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, so a test can send request targets that well-behaved clients
 * (java.net.URI, HttpClient) would refuse or normalise: {@code ..}, backslashes, broken escapes.
 */
final class RawHttp {

    record Response(int status, Map<String, String> headers, String body) {

        String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    private RawHttp() {
    }

    static Response get(int port, String target, String... headerLines) {
        return send(port, "GET", target, headerLines);
    }

    /** Any method (HEAD, OPTIONS, TRACE, made-up ones), no body. */
    static Response send(int port, String method, String target, String... headerLines) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            StringBuilder request = new StringBuilder(method + " " + target + " HTTP/1.1\r\n");
            if (java.util.Arrays.stream(headerLines).noneMatch(line -> line.regionMatches(true, 0, "Host:", 0, 5))) {
                request.append("Host: localhost\r\n");
            }
            request.append("Connection: close\r\n");
            for (String header : headerLines) {
                request.append(header).append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return parse(socket.getInputStream().readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Response parse(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        String[] head = text.substring(0, end).split("\r\n");
        Map<String, String> headers = new HashMap<>();
        for (int i = 1; i < head.length; i++) {
            int colon = head[i].indexOf(':');
            headers.put(head[i].substring(0, colon).trim().toLowerCase(), head[i].substring(colon + 1).trim());
        }
        return new Response(Integer.parseInt(head[0].split(" ")[1]), headers, text.substring(end + 4));
    }
}
