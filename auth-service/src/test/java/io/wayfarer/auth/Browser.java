package io.wayfarer.auth;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Just enough of a browser for redirect-based logins: follows nothing by itself (each hop is
 * asserted), keeps the cookies it is given (one host, so names suffice) and sends them back; it
 * never sends a URL's fragment, as browsers don't.
 */
final class Browser {

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final Map<String, String> cookies = new LinkedHashMap<>();

    HttpResponse<String> get(String url) {
        return get(url, null);
    }

    HttpResponse<String> get(String url, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(withoutFragment(url)).GET();
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer).header("Accept", "application/json");
        }
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue())
                    .collect(Collectors.joining("; ")));
        }
        HttpResponse<String> response = send(request.build());
        response.headers().allValues("Set-Cookie").forEach(this::keep);
        return response;
    }

    /** What the next request would send for this cookie, or null. */
    String cookie(String name) {
        return cookies.get(name);
    }

    void setCookie(String name, String value) {
        cookies.put(name, value);
    }

    static String location(HttpResponse<?> response) {
        if (response.statusCode() != 302) {
            throw new AssertionError("expected a redirect, got " + response.statusCode() + " " + response.body());
        }
        return response.headers().firstValue("Location").orElseThrow();
    }

    /** The decoded value of a query parameter (null when absent). */
    static String query(String url, String name) {
        String query = URI.create(url).getRawQuery();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            String[] parts = pair.split("=", 2);
            if (parts[0].equals(name)) {
                return parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "";
            }
        }
        return null;
    }

    private void keep(String setCookie) {
        List<String> attributes = List.of(setCookie.split(";\\s*"));
        String[] pair = attributes.get(0).split("=", 2);
        boolean expired = attributes.stream().anyMatch(a -> a.equalsIgnoreCase("Max-Age=0"));
        if (expired || pair[1].isEmpty()) {
            cookies.remove(pair[0]);
        } else {
            cookies.put(pair[0], pair[1]);
        }
    }

    private static URI withoutFragment(String url) {
        int hash = url.indexOf('#');
        return URI.create(hash < 0 ? url : url.substring(0, hash));
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
