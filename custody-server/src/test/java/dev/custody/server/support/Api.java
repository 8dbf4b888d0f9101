package dev.custody.server.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** A plain HTTP client for integration tests: real requests, real JSON, no Spring test magic in between. */
public class Api {

    /** A response: status, headers and the body as JSON (null when empty or not JSON). */
    public record Response(int status, Map<String, String> headers, String text, JsonNode json) {
        public String header(String name) {
            return headers.get(name.toLowerCase());
        }

        @Override
        public String toString() {
            return status + " " + text;
        }
    }

    /** A user string with this prefix is sent as a bearer token (see {@link Identities}). */
    public static final String BEARER = "bearer:";

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public Api(int port) {
        this.base = "http://localhost:" + port;
    }

    public Response get(String user, String path) {
        return send(user, "GET", path, null, Map.of());
    }

    public Response get(String user, String path, String accept) {
        return send(user, "GET", path, null, Map.of("Accept", accept));
    }

    public Response post(String user, String path, String body) {
        return send(user, "POST", path, body, Map.of());
    }

    public Response post(String user, String path, String body, Map<String, String> headers) {
        return send(user, "POST", path, body, headers);
    }

    /** @param user a dev user (password {@code custody}), an {@link Identities#user}, or null for no credentials */
    public Response send(String user, String method, String path, String body, Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        if (body != null && all.keySet().stream().noneMatch("Content-Type"::equalsIgnoreCase)) {
            all.put("Content-Type", "application/json");
        }
        return sendRaw(user, method, path,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body), all);
    }

    /**
     * Sends exactly these headers (no Content-Type unless given) and this body: a publisher of unknown length is
     * sent chunked.
     */
    public Response sendRaw(String user, String method, String path, HttpRequest.BodyPublisher body,
                         Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (user != null && user.startsWith(BEARER)) {
            request.header("Authorization", "Bearer " + user.substring(BEARER.length()));
        } else if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":custody").getBytes(StandardCharsets.UTF_8)));
        }
        headers.forEach(request::header);
        request.method(method, body);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Map<String, String> h = new LinkedHashMap<>();
            response.headers().map().forEach((k, v) -> h.put(k.toLowerCase(), String.join(",", v)));
            JsonNode json = null;
            String text = response.body();
            if (text != null && !text.isBlank() && (text.startsWith("{") || text.startsWith("["))) {
                json = JSON.readTree(text);
            }
            return new Response(response.statusCode(), h, text, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
